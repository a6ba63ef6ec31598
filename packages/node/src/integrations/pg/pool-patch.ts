import { AsyncResource } from 'node:async_hooks';
import { wrapMethod } from '../../instrument/wrap.js';
import { pgState } from './pg-state.js';

type Callback = (...args: unknown[]) => unknown;

/**
 * Makes `pool.connect(callback)` call back in the async context of its caller. pg-pool hands a
 * freed client to the oldest waiter from inside `release()`, that is, in the context of whichever
 * request released it; `pool.query` then runs its query there, and the query would be recorded
 * for the wrong request. Running the callback in an AsyncResource created at the call, as Node
 * advises for any queue of callbacks, keeps each query with the request that asked for it (and
 * gives the app's callback the context it was called from). The promise form needs nothing:
 * `await` already resumes in the caller's context.
 *
 * `AsyncResource.bind` would do the same, but it also defines deprecated accessors on each bound
 * function, which cost more than the rest of the query's recording (`pool.query` connects per call).
 */
export function patchPgPool(Pool: { prototype: object }): void {
  wrapMethod(
    Pool.prototype as { connect: unknown },
    'connect',
    (original) =>
      function connect(this: unknown, ...args: unknown[]): unknown {
        if (pgState.setup !== undefined && typeof args[0] === 'function') {
          args[0] = inCallerContext(args[0] as Callback);
        }
        return original.apply(this, args);
      },
  );
}

function inCallerContext(callback: Callback): Callback {
  const resource = new AsyncResource('flashback.pg.connect');
  return function (this: unknown, ...args: unknown[]): unknown {
    return resource.runInAsyncScope(callback, this, ...args);
  };
}
