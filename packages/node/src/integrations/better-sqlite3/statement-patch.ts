import type { DbEvent } from '@flashback/protocol/types';
import { encodeValue } from '@flashback/protocol/values';
import { getRequestContext } from '../../context/request-context.js';
import { type PendingEvent, toIoError } from '../../context/timeline-recorder.js';
import { safeExecute } from '../../instrument/safe-execute.js';
import { wrapMethod } from '../../instrument/wrap.js';
import { captureRows } from '../sql/row-collector.js';
import { sqliteTablesIn } from './database-info.js';
import { captureIterator } from './iterator-capture.js';
import { encodeSqliteParams } from './params.js';
import { rowShapeOf } from './row-shape.js';
import { sqliteState } from './sqlite-state.js';
import { startSqliteEvent } from './statement-event.js';
import { type RowMode, statementInfo, switchMode } from './statement-info.js';
import type { SqliteIterator, SqliteMethod, SqliteRunResult, SqliteStatement } from './types.js';

type Operation = 'run' | 'get' | 'all' | 'iterate';

const OPERATIONS: Operation[] = ['run', 'get', 'all', 'iterate'];
const MODES: Exclude<RowMode, 'flat'>[] = ['raw', 'pluck', 'expand'];

/**
 * Wraps the Statement prototype (a native class better-sqlite3 does not export, so it is taken
 * from the first prepared statement). Running methods record; `bind` and the row-mode switches
 * only remember what later records need. The non-recording path is one property read and one
 * AsyncLocalStorage read: better-sqlite3 calls are synchronous and often in hot loops.
 */
export function patchStatementPrototype(proto: object): void {
  for (const operation of OPERATIONS) {
    wrapMethod(
      proto as Record<Operation, unknown>,
      operation,
      (original) =>
        function statementCall(this: unknown, ...args: unknown[]): unknown {
          const setup = sqliteState.setup;
          if (setup === undefined || getRequestContext() === undefined) return original.apply(this, args);
          return recordCall(this as SqliteStatement, operation, original, args);
        },
    );
  }
  wrapMethod(
    proto as { bind: unknown },
    'bind',
    (original) =>
      function bind(this: unknown, ...args: unknown[]): unknown {
        const result = original.apply(this, args);
        statementInfo(this as object).bound = args;
        return result;
      },
  );
  for (const mode of MODES) {
    wrapMethod(
      proto as Record<typeof mode, unknown>,
      mode,
      (original) =>
        function modeSwitch(this: unknown, ...args: unknown[]): unknown {
          const result = original.apply(this, args);
          // better-sqlite3 has already rejected anything but no argument or a boolean.
          switchMode(this as object, mode, args.length === 0 || args[0] === true);
          return result;
        },
    );
  }
}

function recordCall(
  statement: SqliteStatement,
  operation: Operation,
  original: SqliteMethod,
  args: unknown[],
): unknown {
  const event = safeExecute('better-sqlite3: recording a statement', () =>
    startStatementEvent(statement, operation, args),
  );
  if (!event) return original.apply(statement, args);
  let result: unknown;
  try {
    result = original.apply(statement, args);
  } catch (error: unknown) {
    safeExecute('better-sqlite3: recording a statement error', () => event.fail(toIoError(error)));
    throw error;
  }
  safeExecute('better-sqlite3: recording a statement result', () =>
    finishCall(statement, operation, event, result),
  );
  return result;
}

function startStatementEvent(
  statement: SqliteStatement,
  operation: Operation,
  args: unknown[],
): PendingEvent<DbEvent> | undefined {
  const setup = sqliteState.setup;
  if (!setup) return undefined;
  const info = statementInfo(statement);
  const params = encodeSqliteParams(args.length > 0 ? args : (info.bound ?? []));
  return startSqliteEvent(setup, statement.database, operation, statement.source, params, () => {
    info.tables ??= sqliteTablesIn(statement.source);
    return info.tables;
  });
}

function finishCall(
  statement: SqliteStatement,
  operation: Operation,
  event: PendingEvent<DbEvent>,
  result: unknown,
): void {
  const maxRows = sqliteState.setup?.options.maxRows ?? 0;
  if (operation === 'run') {
    const info = result as SqliteRunResult;
    event.finish({ changes: info.changes, lastInsertRowid: encodeValue(info.lastInsertRowid) });
    return;
  }
  const shape = rowShapeOf(statement, statementInfo(statement));
  if (operation === 'iterate') {
    captureIterator(result as SqliteIterator, event, shape, maxRows);
    return;
  }
  const rows = operation === 'all' ? (result as unknown[]) : result === undefined ? [] : [result];
  event.finish({
    fields: shape.fields,
    ...captureRows(rows, maxRows, shape.toValues),
    rowCount: rows.length,
  });
}
