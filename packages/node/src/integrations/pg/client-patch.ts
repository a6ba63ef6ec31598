import { getRequestContext } from '../../context/request-context.js';
import { wrapMethod } from '../../instrument/wrap.js';
import { pgState } from './pg-state.js';
import { captureQuery } from './query-capture.js';
import type { PgClient, PgClientConstructor } from './types.js';

/**
 * Wraps `Client.prototype.query`, the one method every pg query goes through (a Pool checks out
 * a Client and calls it). Outside a request, or while the SDK does its own IO, the wrapper costs
 * one AsyncLocalStorage read before passing the call through untouched.
 */
export function patchPgClient(Client: PgClientConstructor): void {
  wrapMethod(
    Client.prototype as { query: unknown },
    'query',
    (original) =>
      function query(this: unknown, ...args: unknown[]): unknown {
        const setup = pgState.setup;
        if (setup === undefined || getRequestContext() === undefined) return original.apply(this, args);
        return captureQuery(this as PgClient, Client, original, args, setup);
      },
  );
}
