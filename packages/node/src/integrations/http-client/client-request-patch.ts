import type { ClientRequest, IncomingMessage } from 'node:http';
import http from 'node:http';
import { safeExecute } from '../../instrument/safe-execute.js';
import { type CapturedHeaders, fromNodeHeaders } from '../http-common/headers.js';
import { type PatchedMethod, patchMethod } from '../http-common/patch-method.js';
import { OutboundCall } from './outbound-call.js';

/** The call recorded for a ClientRequest; `null` once it was decided not to record it. */
const kCall = Symbol('flashback.outboundCall');

type TrackedRequest = ClientRequest & { [kCall]?: OutboundCall | null };

/** `res` is set by Node once the response headers arrived; @types/node does not declare it. */
type RequestWithResponse = ClientRequest & { res?: IncomingMessage | null };

/**
 * Records `node:http` / `node:https` client requests (and axios, got, and everything else built
 * on `ClientRequest`). `ClientRequest.prototype.write` and `end` are wrapped: the first call
 * decides, in the app's async context, whether the request belongs to a request context, and
 * from then on body chunks are copied as the app writes them. Responses, timeouts and errors are
 * observed through the request's own `emit` (so no listener is added: an 'error' listener would
 * swallow errors the app does not handle), and the response body by teeing the chunks Node's
 * parser pushes into the response stream, which leaves the app's reading untouched.
 *
 * Only the prototype is touched: requests keep their agent, so keep-alive connections are reused
 * exactly as without the SDK.
 */
export function patchClientRequest(maxBodyBytes: number): PatchedMethod[] {
  const proto = http.ClientRequest.prototype;
  const patched: PatchedMethod[] = [];
  const write = patchMethod(
    proto,
    'write',
    (original) =>
      function flashbackWrite(this: unknown, ...args: unknown[]): unknown {
        safeExecute('recording an outbound request body', () => {
          callFor(this as TrackedRequest, maxBodyBytes)?.requestBody.addChunk(args[0], args[1]);
        });
        return Reflect.apply(original, this, args);
      },
  );
  const end = patchMethod(
    proto,
    'end',
    (original) =>
      function flashbackEnd(this: unknown, ...args: unknown[]): unknown {
        safeExecute('recording an outbound request', () => {
          const call = callFor(this as TrackedRequest, maxBodyBytes);
          if (!call || call.requestBody.complete) return;
          // end(callback) and end(chunk, callback) are both valid; a function is never data.
          if (typeof args[0] !== 'function') call.requestBody.addChunk(args[0], args[1]);
          call.requestBody.complete = true;
          call.requestBodyReady();
        });
        return Reflect.apply(original, this, args);
      },
  );
  if (write) patched.push(write);
  if (end) patched.push(end);
  return patched;
}

function callFor(req: TrackedRequest, maxBodyBytes: number): OutboundCall | undefined {
  const known = req[kCall];
  if (known !== undefined) return known ?? undefined;
  const call = OutboundCall.wouldRecord()
    ? OutboundCall.start(req.method, urlOf(req), fromNodeHeaders(req.getHeaders()), maxBodyBytes)
    : undefined;
  req[kCall] = call ?? null;
  if (call) observeEvents(req, call);
  return call;
}

/** The URL the request goes to; the Host header Node derived from the options carries the port. */
function urlOf(req: ClientRequest): string {
  // Through an HTTP proxy the path is the absolute target URL.
  if (/^https?:\/\//i.test(req.path)) return req.path;
  const host = req.getHeader('host');
  const authority = Array.isArray(host) ? host[0] : host === undefined ? req.host : String(host);
  return `${req.protocol}//${authority}${req.path}`;
}

function observeEvents(req: TrackedRequest, call: OutboundCall): void {
  const emit = req.emit;
  const observer = function flashbackObserve(this: ClientRequest, ...args: unknown[]): boolean {
    safeExecute('observing an outbound request', () =>
      observe(req, call, args[0] as string | symbol, args[1]),
    );
    return Reflect.apply(emit, this, args) as boolean;
  };
  req.emit = observer;
  call.whenEnded(() => {
    // Recorded: stop observing. Assigned back rather than deleted: deleting a property that is
    // not the newest one would switch the request object to V8's slow dictionary mode.
    if (req.emit === observer) req.emit = emit;
  });
}

function observe(req: ClientRequest, call: OutboundCall, event: string | symbol, arg: unknown): void {
  switch (event) {
    case 'response':
      teeResponse(call, arg as IncomingMessage);
      return;
    case 'upgrade':
    case 'connect': {
      const res = arg as IncomingMessage;
      call.response(res.statusCode ?? 0, res.statusMessage, fromNodeHeaders(res.headers));
      call.complete();
      return;
    }
    case 'timeout':
      call.markTimedOut();
      return;
    case 'error':
      call.fail(arg);
      return;
    case 'close':
      if (!call.ended)
        setImmediate(() => safeExecute('ending an outbound request', () => closedEarly(req, call)));
      return;
  }
}

/** Copies response body chunks as Node's parser pushes them; `push(null)` is the body's end. */
function teeResponse(call: OutboundCall, res: IncomingMessage): void {
  const headers: CapturedHeaders = fromNodeHeaders(res.headers);
  const body = call.response(res.statusCode ?? 0, res.statusMessage, headers);
  const push = res.push;
  res.push = function flashbackPush(
    this: IncomingMessage,
    chunk: unknown,
    encoding?: BufferEncoding,
  ): boolean {
    safeExecute('recording an outbound response body', () => {
      if (chunk === null) {
        body.complete = true;
        call.complete();
      } else if (!call.ended) {
        body.addChunk(chunk, encoding);
      }
    });
    return push.call(this, chunk, encoding);
  };
}

/** The request closed without an error and before its response ended. */
function closedEarly(req: ClientRequest, call: OutboundCall): void {
  if (call.ended) return;
  const res = (req as RequestWithResponse).res;
  if (res?.complete) {
    call.complete();
  } else if (res) {
    call.fail(
      Object.assign(new Error('the connection closed before the response ended'), { code: 'ECONNRESET' }),
    );
  } else {
    call.fail(
      Object.assign(new Error('the request was aborted before a response arrived'), {
        name: 'AbortError',
        code: 'ABORT_ERR',
      }),
    );
  }
}
