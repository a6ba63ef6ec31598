import { safeExecute } from '../../instrument/safe-execute.js';
import { fromFetchHeaders } from '../http-common/headers.js';
import { type PatchedMethod, patchMethod } from '../http-common/patch-method.js';
import { readWebBody } from '../http-common/read-web-body.js';
import { describeFetchRequest, type FetchRequestInfo } from './fetch-request.js';
import { captureFetchRequestBody } from './fetch-request-body.js';
import { OutboundCall } from './outbound-call.js';

type AnyFunction = (this: unknown, ...args: unknown[]) => unknown;

/**
 * Records global `fetch` calls by wrapping `globalThis.fetch`. A call that would not be recorded
 * (outside a request, or the SDK's own traffic) goes straight to the original fetch. A recorded
 * one is described from its arguments, and the original fetch is called with those same arguments
 * (see `describeFetchRequest` for the one exception); the app gets the very Response fetch
 * resolved with, and the very error it rejected with.
 *
 * The response body is read from `response.clone()`, up to the cap and then cancelled, because
 * the app's branch of the clone buffers whatever the SDK's branch reads ahead of it. `durationMs`
 * therefore runs to the end of the response body when it fits the cap, else to the cap.
 *
 * Returns the patch for teardown, or undefined when there is no fetch or it is already wrapped.
 */
export function patchFetch(maxBodyBytes: number): PatchedMethod | undefined {
  if (typeof globalThis.fetch !== 'function') return undefined;
  return patchMethod(
    globalThis,
    'fetch',
    (original) =>
      function fetch(this: unknown, ...args: unknown[]): unknown {
        if (!OutboundCall.wouldRecord()) return Reflect.apply(original, this, args);
        return recordFetch(original, this, args, maxBodyBytes);
      },
  );
}

function recordFetch(
  original: AnyFunction,
  thisArg: unknown,
  args: unknown[],
  maxBodyBytes: number,
): unknown {
  const started = safeExecute('recording a fetch request', () => startCall(args, maxBodyBytes));
  if (!started) return Reflect.apply(original, thisArg, args);
  const { call, request } = started;
  let result: unknown;
  try {
    result = Reflect.apply(original, thisArg, request ? [request] : args);
  } catch (error) {
    safeExecute('recording a failed fetch', () => call.fail(error));
    throw error;
  }
  // A derived promise rather than a handler on fetch's own: a rejection the app leaves unhandled
  // must stay unhandled, as it is without the SDK.
  return Promise.resolve(result).then(
    (response: unknown) => {
      const observed = safeExecute('recording a fetch response', () =>
        observeResponse(call, response as Response),
      );
      // Whatever went wrong, the call must not stay pending on the timeline.
      if (!observed) safeExecute('ending a fetch call', () => call.complete());
      return response;
    },
    (error: unknown) => {
      safeExecute('recording a failed fetch', () => call.fail(error));
      throw error;
    },
  );
}

function startCall(
  args: unknown[],
  maxBodyBytes: number,
): { call: OutboundCall; request: Request | undefined } | undefined {
  let info: FetchRequestInfo;
  try {
    info = describeFetchRequest(args[0], args[1] as RequestInit | undefined);
  } catch {
    return undefined; // fetch rejects these arguments itself; there is no IO to record
  }
  const call = OutboundCall.start(info.method, info.url, info.headers, maxBodyBytes);
  if (!call) return undefined;
  safeExecute('recording a fetch request body', () => captureFetchRequestBody(call, info, maxBodyBytes));
  return { call, request: info.request };
}

/** Records status and headers, and reads the body from a clone while the app reads its own. */
function observeResponse(call: OutboundCall, response: Response): true {
  const collector = call.response(response.status, response.statusText, fromFetchHeaders(response.headers));
  const stream = response.body && response.clone().body;
  if (!stream) {
    collector.complete = true;
    call.complete();
    return true;
  }
  readWebBody(stream, collector, false).then(
    () => call.complete(),
    (error: unknown) => call.fail(error),
  );
  return true;
}
