import type { DbEvent } from '@flashback/protocol/types';
import { type PendingEvent, toIoError } from '../../context/timeline-recorder.js';
import { safeExecute } from '../../instrument/safe-execute.js';
import { RowCollector } from '../sql/row-collector.js';
import type { RowShape } from './statement-info.js';
import type { SqliteIterator } from './types.js';

type Step = (this: unknown, ...args: unknown[]) => IteratorResult<unknown>;

/**
 * Records the rows an `iterate()` loop reads. The event ends when the iteration does: exhausted,
 * left early (`break` calls `return()`), or failed. `next`/`return` are wrapped on this iterator
 * only, so it stays the object better-sqlite3 returned; an iterator the app abandons stays pending.
 */
export function captureIterator(
  iterator: SqliteIterator,
  event: PendingEvent<DbEvent>,
  shape: RowShape,
  maxRows: number,
): void {
  const rows = new RowCollector(maxRows);
  const end = () => event.finish({ fields: shape.fields, ...rows.result(), rowCount: rows.count });
  const next = iterator.next as Step;
  const finish = iterator.return as Step | undefined;
  const target = iterator as unknown as Record<string, unknown>;
  target.next = function (this: unknown, ...args: unknown[]) {
    let step: IteratorResult<unknown>;
    try {
      step = next.apply(this, args);
    } catch (error: unknown) {
      safeExecute('better-sqlite3: recording an iteration error', () => event.fail(toIoError(error)));
      throw error;
    }
    safeExecute('better-sqlite3: recording a row', () => {
      if (step.done) end();
      else rows.add(() => shape.toValues(step.value));
    });
    return step;
  };
  if (finish) {
    target.return = function (this: unknown, ...args: unknown[]) {
      const step = finish.apply(this, args);
      safeExecute('better-sqlite3: recording an iteration end', end);
      return step;
    };
  }
}
