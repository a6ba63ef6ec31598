import type { DbField } from '@flashback/protocol/types';
import { safeExecute } from '../../instrument/safe-execute.js';
import { RowCollector } from '../sql/row-collector.js';
import { outcomeFields, type PgOutcomeFields, parseCommandTag, toDbField } from './result-fields.js';
import type { PgSubmittable } from './types.js';

/** How a submittable's run ends for the recorder: with the outcome fields, or with an error. */
export interface SubmittableListener {
  finish(fields: PgOutcomeFields): void;
  fail(error: unknown): void;
}

interface StatementResult {
  fields: DbField[] | undefined;
  rows: RowCollector;
  command?: string;
  rowCount?: number | null;
  complete: boolean;
}

const LISTENER = Symbol('flashback.pg.listener');

type Handler = (this: unknown, ...args: unknown[]) => unknown;
type Instrumented = PgSubmittable & { [LISTENER]?: SubmittableListener & { results: StatementResult[] } };

/**
 * Observes a query object the client runs as is (`new pg.Query(...)`, pg-cursor, pg-query-stream)
 * through the protocol callbacks the client makes on it, wrapped on the instance only. Listeners
 * and callbacks stay as the app set them: adding a 'row' listener would change whether pg keeps
 * rows, and an 'error' listener would swallow errors the app lets throw.
 *
 * Rows are recorded as the app receives them, parsed by the object's own row parser where it has
 * one (pg.Query and pg-cursor do); rows of a cursor are those read before it closed.
 */
export function captureSubmittable(
  query: PgSubmittable,
  listener: SubmittableListener,
  maxRows: number,
): void {
  const target = query as Instrumented;
  const alreadyWrapped = target[LISTENER] !== undefined;
  const results: StatementResult[] = [];
  target[LISTENER] = { ...listener, results };
  if (alreadyWrapped) return;

  const state = () => target[LISTENER];
  const current = () => {
    const list = state()?.results;
    return list?.[list.length - 1];
  };
  intercept(target, 'handleRowDescription', (message) => {
    const fields = (message as { fields?: Parameters<typeof toDbField>[0][] }).fields ?? [];
    state()?.results.push({
      fields: fields.map(toDbField),
      rows: new RowCollector(maxRows),
      complete: false,
    });
  });
  intercept(target, 'handleDataRow', (message) => {
    const result = current();
    if (!result?.fields) return;
    const raw = (message as { fields?: unknown[] }).fields ?? [];
    result.rows.add(() => rowValues(target, raw, result.fields as DbField[]));
  });
  intercept(target, 'handleCommandComplete', (message) => {
    const tag = message as { text?: string; command?: string };
    const parsed = parseCommandTag(tag.text ?? tag.command);
    let result = current();
    if (!result || result.complete) {
      result = { fields: undefined, rows: new RowCollector(maxRows), complete: false };
      state()?.results.push(result);
    }
    result.complete = true;
    if (parsed.command) result.command = parsed.command;
    result.rowCount = parsed.rowCount;
  });
  intercept(target, 'handleError', (error) => state()?.fail(error));
  intercept(target, 'handleReadyForQuery', () => {
    const recorded = state();
    if (!recorded) return;
    const list = recorded.results;
    const chosen = list.findLast((r) => (r.fields?.length ?? 0) > 0) ?? list[list.length - 1];
    recorded.finish(
      chosen ? outcomeFields(chosen.command, chosen.rowCount, chosen.fields, chosen.rows.result()) : {},
    );
  });
}

function intercept(target: Instrumented, name: keyof PgSubmittable, observe: (first: unknown) => void): void {
  const original = target[name] as Handler | undefined;
  if (typeof original !== 'function') return;
  const wrapper: Handler = function (this: unknown, ...args: unknown[]) {
    safeExecute(`pg: observing ${String(name)}`, () => observe(args[0]));
    return original.apply(this, args);
  };
  (target as unknown as Record<string, unknown>)[name] = wrapper;
}

/** A data row as values in field order, parsed the way the app will see it where possible. */
function rowValues(target: Instrumented, raw: unknown[], fields: DbField[]): readonly unknown[] {
  const parser = target._result;
  if (typeof parser?.parseRow === 'function') {
    const parsed = safeExecute('pg: parsing a row', () => parser.parseRow?.(raw));
    if (Array.isArray(parsed)) return parsed;
    if (parsed && typeof parsed === 'object') {
      return fields.map((field) => (parsed as Record<string, unknown>)[field.name]);
    }
  }
  return raw;
}
