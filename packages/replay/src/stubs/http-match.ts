/**
 * Whether a replayed HTTP request is the recorded exchange: method, path, query and body shape.
 * Headers are not compared: the ones that differ between runs (dates, request ids, idempotency
 * keys, SigV4 `authorization` / `x-amz-*`, checksums) are exactly the volatile ones. Pure.
 */
import type { HttpEvent } from '@flashback/protocol/types';
import { bodyDifference } from './body-match.js';
import { targetDifference } from './url-match.js';

/** A request as the HTTP stub received it. */
export interface IncomingHttpRequest {
  method: string;
  /** Request target as received: path and query. */
  target: string;
  /** Header names in lower case, as Node gives them. */
  headers: Record<string, string | string[] | undefined>;
  body: Uint8Array;
}

/**
 * Why `request` is not the recorded `exchange`, or `undefined` when it is.
 *
 * @example
 * httpRequestDifference(chargeEvent, { method: 'GET', target: '/v1/charges', headers: {}, body });
 * // 'method: recorded POST, got GET'
 */
export function httpRequestDifference(exchange: HttpEvent, request: IncomingHttpRequest): string | undefined {
  if (exchange.method.toUpperCase() !== request.method.toUpperCase()) {
    return `method: recorded ${exchange.method.toUpperCase()}, got ${request.method.toUpperCase()}`;
  }
  const target = targetDifference(exchange.url, exchange.aws, {
    target: request.target,
    host: single(request.headers.host),
  });
  if (target) return target;
  return bodyDifference(exchange.requestBody, single(exchange.requestHeaders['content-type']), {
    bytes: request.body,
    contentType: single(request.headers['content-type']),
  });
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
