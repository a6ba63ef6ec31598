/**
 * What the HTTP stub does for a recorded exchange: answer with the recorded response after the
 * recorded latency, or replay the recorded failure. Pure.
 */
import type { HttpEvent } from '@flashback/protocol/types';
import { encodeForWire, recordedBodyBytes } from './response-body.js';

/** Status line and headers as they go on the wire. */
export interface HttpResponseHead {
  status: number;
  statusText: string | undefined;
  headers: Record<string, string | string[]>;
}

/** A whole response: head and the exact body bytes. */
export interface HttpResponseParts {
  head: HttpResponseHead;
  body: Buffer;
}

/** How the HTTP stub replays one recorded exchange. */
export type HttpReplyAction =
  /** Answer after `delayMs`. */
  | ({ kind: 'respond'; delayMs: number } & HttpResponseParts)
  /** Never answer (a timeout): the connection stays open until the client gives up or the stub closes. */
  | { kind: 'hold'; partial: HttpResponseParts | undefined }
  /** Reset the connection (TCP RST) after `delayMs`, having sent `partial` if the response had begun. */
  | { kind: 'reset'; delayMs: number; partial: HttpResponseParts | undefined };

/** Connection-level failures: the request never reached a server. */
const NEVER_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** Failures where the client stopped waiting: replayed by not answering. */
const GAVE_UP = new Set([
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ABORT_ERR',
]);

/** Hop-by-hop headers, and framing the stub recomputes for the bytes it actually sends. */
const DROPPED_HEADERS = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
  'content-length',
  'content-encoding',
]);

/** Whether the recorded call failed before any connection was made (refused, unresolvable). */
export function neverConnected(exchange: HttpEvent): boolean {
  return exchange.outcome === 'error' && NEVER_CONNECTED.has(exchange.error?.code ?? '');
}

/**
 * The action replaying `exchange` for a request with `method`.
 *
 * - `ok`: the recorded status, status text, headers and body, after durationMs × latencyScale.
 * - `timeout`, `pending`, and errors meaning the client gave up (ETIMEDOUT, aborts): hold.
 * - connection refused / unresolvable, when the origin also served other calls: reset (the
 *   connection exists by then, so a reset is the closest failure a listening stub can give).
 * - any other error (ECONNRESET, EPIPE, …): reset, after sending what had arrived, if anything.
 */
export function httpReplyAction(exchange: HttpEvent, method: string, latencyScale: number): HttpReplyAction {
  const delayMs = Math.max(0, (exchange.durationMs ?? 0) * latencyScale);
  const partial = exchange.status === undefined ? undefined : partialResponse(exchange, method);
  switch (exchange.outcome) {
    case 'ok':
      return { kind: 'respond', delayMs, ...recordedResponse(exchange, method) };
    case 'timeout':
    case 'pending':
      return { kind: 'hold', partial };
    case 'error': {
      const code = exchange.error?.code ?? '';
      const name = exchange.error?.name ?? '';
      if (GAVE_UP.has(code) || name === 'AbortError' || name === 'TimeoutError')
        return { kind: 'hold', partial };
      return { kind: 'reset', delayMs, partial };
    }
  }
}

/** The recorded response as it goes on the wire for a request with `method`. */
export function recordedResponse(exchange: HttpEvent, method: string): HttpResponseParts {
  const status = exchange.status ?? 200;
  const recordedHeaders = exchange.responseHeaders ?? {};
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(recordedHeaders)) {
    if (!DROPPED_HEADERS.has(name.toLowerCase())) headers[name] = value;
  }
  const sendsBody = method.toUpperCase() !== 'HEAD' && status !== 204 && status !== 304 && status >= 200;
  if (!sendsBody) {
    // A HEAD answer announces the length of the body it does not send (S3 HeadObject reads it).
    for (const name of ['content-length', 'content-encoding']) {
      const value = recordedHeaders[name];
      if (value !== undefined) headers[name] = value;
    }
    return { head: { status, statusText: statusText(exchange), headers }, body: Buffer.alloc(0) };
  }
  const recordedEncoding = recordedHeaders['content-encoding'];
  const wire = encodeForWire(
    recordedBodyBytes(exchange.responseBody),
    Array.isArray(recordedEncoding) ? recordedEncoding.join(', ') : recordedEncoding,
    exchange.responseBody ?? { encoding: 'utf8', truncated: false },
  );
  if (wire.contentEncoding) headers['content-encoding'] = wire.contentEncoding;
  headers['content-length'] = String(wire.bytes.byteLength);
  return { head: { status, statusText: statusText(exchange), headers }, body: wire.bytes };
}

/**
 * What had arrived when the recorded call failed mid-response: without a length, so the client
 * keeps waiting for the rest (and then sees the failure) instead of taking the body as complete.
 */
function partialResponse(exchange: HttpEvent, method: string): HttpResponseParts {
  const parts = recordedResponse(exchange, method);
  delete parts.head.headers['content-length'];
  return parts;
}

/** The recorded reason phrase, when Node can send it. */
function statusText(exchange: HttpEvent): string | undefined {
  const text = exchange.statusText;
  return text && /^[\t\x20-\x7e]*$/.test(text) ? text : undefined;
}
