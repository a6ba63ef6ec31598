import type { DbEvent, EncodedValue } from '@flashback/protocol/types';
import { type PendingEvent, startEvent, toIoError } from '../../context/timeline-recorder.js';
import { safeExecute } from '../../instrument/safe-execute.js';
import { encodeCell } from '../sql/encode-cell.js';
import type { IntegrationSetup } from '../types.js';
import { type PgDatabase, pgDatabaseOf } from './pg-databases.js';
import { resultFields } from './result-fields.js';
import { captureSubmittable } from './submittable-capture.js';
import { pgTablesIn } from './table-naming.js';
import type { PgClient, PgClientConstructor, PgQueryConfig, PgSubmittable } from './types.js';

type QueryMethod = (this: unknown, ...args: unknown[]) => unknown;
type Callback = (this: unknown, ...args: unknown[]) => unknown;

/** The app's callback behind a callback we passed to pg, so a reused config is never wrapped twice. */
const APP_CALLBACK = Symbol('flashback.pg.appCallback');

interface PlannedCall {
  args: unknown[];
  /** Set when the call returns a promise that settles with the outcome. */
  complete?: (error: unknown, result?: unknown) => void;
  event: PendingEvent<DbEvent>;
}

/**
 * Runs `client.query(...args)` and records it as a db event of the current request. The app sees
 * what pg gives it: the same callback invocations, the same Query object, and for the promise form
 * a promise of the same class settling with the same value or error (it is a `then` of pg's
 * promise, so an unhandled rejection is still unhandled). Only the recorder's own failures are
 * swallowed; errors pg throws synchronously are recorded and rethrown.
 */
export function captureQuery(
  client: PgClient,
  Client: PgClientConstructor,
  original: QueryMethod,
  args: unknown[],
  setup: IntegrationSetup,
): unknown {
  const plan = safeExecute('pg: recording a query', () => planCall(client, Client, args, setup));
  if (!plan) return original.apply(client, args);
  let returned: unknown;
  try {
    returned = original.apply(client, plan.args);
  } catch (error: unknown) {
    safeExecute('pg: recording a query error', () => plan.event.fail(toIoError(error)));
    throw error;
  }
  const complete = plan.complete;
  if (!complete || !isThenable(returned)) return returned;
  return returned.then(
    (result: unknown) => {
      safeExecute('pg: recording a query result', () => complete(undefined, result));
      return result;
    },
    (error: unknown) => {
      safeExecute('pg: recording a query error', () => complete(error));
      throw error;
    },
  );
}

function planCall(
  client: PgClient,
  Client: PgClientConstructor,
  args: unknown[],
  setup: IntegrationSetup,
): PlannedCall | undefined {
  const [config, values, callback] = args;
  // pg rejects these itself; leave its error untouched.
  if (config === null || config === undefined) return undefined;
  const database = pgDatabaseOf(client, Client);
  if (!database) return undefined;
  const options = typeof config === 'object' ? (config as PgQueryConfig) : undefined;
  const statement = statementText(client, config, options);
  const rawParams =
    values !== undefined && values !== null && typeof values !== 'function' ? values : options?.values;
  const event = startEvent<DbEvent>({
    type: 'db',
    system: 'postgresql',
    database: database.key,
    operation: 'query',
    statement,
    params: encodeParams(rawParams),
  });
  if (!event) return undefined;
  setup.schemas.registerDatabase('postgresql', database.key, database.reader);
  const tables = pgTablesIn(statement);
  if (tables.length > 0) setup.schemas.noteTables(database.key, tables);

  const maxRows = setup.options.maxRows;
  const complete = (error: unknown, result?: unknown) =>
    recordOutcome(event, database, maxRows, error, result);
  if (typeof (config as PgSubmittable).submit === 'function') {
    captureSubmittable(
      config as PgSubmittable,
      { finish: (fields) => finishWith(event, database, fields), fail: (error) => complete(error) },
      maxRows,
    );
    return { args, event };
  }
  // pg takes the callback from the third argument, else the second, else config.callback.
  const callbackIndex = typeof callback === 'function' ? 2 : typeof values === 'function' ? 1 : -1;
  const configCallback = typeof options?.callback === 'function' ? (options.callback as Callback) : undefined;
  if (callbackIndex === -1 && !configCallback) return { args, complete, event };
  const appCallback =
    callbackIndex === -1 ? appCallbackOf(configCallback as Callback) : (args[callbackIndex] as Callback);
  const planned = [...args];
  planned[callbackIndex === -1 ? 2 : callbackIndex] = wrapCallback(appCallback, complete);
  return { args: planned, event };
}

function statementText(client: PgClient, config: unknown, options: PgQueryConfig | undefined): string {
  if (typeof config === 'string') return config;
  if (typeof options?.text === 'string') return options.text;
  // A named prepared statement may be run again by name alone; pg remembers its text.
  const name = options?.name;
  return (name !== undefined && client.connection?.parsedStatements?.[name]) || '';
}

function encodeParams(values: unknown): EncodedValue[] {
  if (values === undefined || values === null) return [];
  return Array.isArray(values) ? values.map(encodeCell) : [encodeCell(values)];
}

function wrapCallback(callback: Callback, complete: (error: unknown, result?: unknown) => void): Callback {
  const wrapped = function (this: unknown, ...results: unknown[]) {
    safeExecute('pg: recording a query result', () => complete(results[0], results[1]));
    return callback.apply(this, results);
  };
  Object.defineProperty(wrapped, APP_CALLBACK, { value: callback });
  return wrapped;
}

function appCallbackOf(callback: Callback): Callback {
  return (callback as Callback & { [APP_CALLBACK]?: Callback })[APP_CALLBACK] ?? callback;
}

function recordOutcome(
  event: PendingEvent<DbEvent>,
  database: PgDatabase,
  maxRows: number,
  error: unknown,
  result: unknown,
): void {
  if (error) {
    // pg's own client-side timeout (`query_timeout`) has no code; its outcome is a timeout.
    const timedOut = error instanceof Error && error.message === 'Query read timeout';
    event.fail(toIoError(error), {}, timedOut ? 'timeout' : 'error');
    return;
  }
  finishWith(event, database, resultFields(result, maxRows));
}

function finishWith(
  event: PendingEvent<DbEvent>,
  database: PgDatabase,
  fields: ReturnType<typeof resultFields>,
): void {
  event.finish(fields);
  if (fields.fields) database.catalog.annotate(fields.fields);
}

function isThenable(
  value: unknown,
): value is { then(ok: (v: unknown) => unknown, err: (e: unknown) => never): unknown } {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}
