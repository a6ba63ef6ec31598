import { safeExecute } from '../../instrument/safe-execute.js';
import { type CapturedHeaders, fromFetchHeaders, headerValue } from '../http-common/headers.js';
import { type PatchedMethod, patchMethod } from '../http-common/patch-method.js';
import { readWebBody } from '../http-common/read-web-body.js';
import { FetchBodyTap } from './fetch-body-tap.js';
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
 * The response body is recorded as undici receives it, through a dispatcher wrapping the one
 * fetch would use (see `FetchBodyTap`); fetch is then called with the app's `init` plus that
 * dispatcher. Where that cannot be done (a Request is sent, the response is content-encoded), it
 * is read from `response.clone()` instead, up to the cap and then cancelled, because the app's
 * branch of the clone buffers whatever the SDK's branch reads ahead of it. Either way `durationMs`
 * runs to the end of the response body when it fits the cap, else to the cap.
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
  const { call, request, tap } = started;
  let result: unknown;
  try {
    const sent = safeExecute('adding the fetch body tap', () => fetchArguments(args, request, tap));
    result = Reflect.apply(original, thisArg, sent ?? args);
  } catch (error) {
    safeExecute('recording a failed fetch', () => call.fail(error));
    throw error;
  }
  // A derived promise rather than a handler on fetch's own: a rejection the app leaves unhandled
  // must stay unhandled, as it is without the SDK.
  return Promise.resolve(result).then(
    (response: unknown) => {
      const observed = safeExecute('recording a fetch response', () =>
        observeResponse(call, response as Response, tap),
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

interface StartedCall {
  call: OutboundCall;
  request: Request | undefined;
  tap: FetchBodyTap | undefined;
}

function startCall(args: unknown[], maxBodyBytes: number): StartedCall | undefined {
  let info: FetchRequestInfo;
  try {
    info = describeFetchRequest(args[0], args[1] as RequestInit | undefined);
  } catch {
    return undefined; // fetch rejects these arguments itself; there is no IO to record
  }
  const call = OutboundCall.start(info.method, info.url, info.headers, maxBodyBytes);
  if (!call) return undefined;
  safeExecute('recording a fetch request body', () => captureFetchRequestBody(call, info, maxBodyBytes));
  const tap = info.request ? undefined : FetchBodyTap.forInit(args[1], maxBodyBytes);
  return { call, request: info.request, tap };
}

/** What fetch is called with: the app's arguments, the Request built from them, or `init` with the tap. */
function fetchArguments(
  args: unknown[],
  request: Request | undefined,
  tap: FetchBodyTap | undefined,
): unknown[] {
  if (request) return [request];
  if (!tap) return args;
  const tapped = [...args];
  tapped[1] = tap.initFor(args[1] as object | undefined);
  return tapped;
}

/** Records status and headers, and the body from the tap or from a clone while the app reads its own. */
function observeResponse(call: OutboundCall, response: Response, tap: FetchBodyTap | undefined): true {
  const headers = fromFetchHeaders(response.headers);
  if (!response.body) {
    tap?.detach();
    call.response(response.status, response.statusText, headers).complete = true;
    call.complete();
    return true;
  }
  const tapped = tap?.body;
  if (tap && tapped && !decodedByFetch(headers)) {
    call.response(response.status, response.statusText, headers, tapped);
    tap.follow({ end: () => call.complete(), fail: (error) => call.fail(error) });
    return true;
  }
  tap?.detach();
  const collector = call.response(response.status, response.statusText, headers);
  readWebBody(response.clone().body as ReadableStream<Uint8Array>, collector, false).then(
    () => call.complete(),
    (error: unknown) => call.fail(error),
  );
  return true;
}

/** fetch hands the app a decoded body when the response names a content coding. */
function decodedByFetch(headers: CapturedHeaders): boolean {
  const coding = headerValue(headers, 'content-encoding');
  return coding !== undefined && coding.trim().toLowerCase() !== 'identity';
}
