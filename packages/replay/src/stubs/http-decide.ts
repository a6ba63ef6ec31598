/**
 * Decides what the HTTP stub does with one request: which recorded exchange it is and how to
 * replay it, or that the recording does not have it. Deterministic over the queues' state; no IO.
 */
import type { HttpEvent } from '@flashback/protocol/types';
import { describeHttpEvent, describeHttpRequest } from './describe-call.js';
import { outOfOrder, unexpectedCall } from './divergence-log.js';
import { httpRequestDifference, type IncomingHttpRequest } from './http-match.js';
import { type HttpReplyAction, type HttpResponseParts, httpReplyAction } from './http-reply.js';
import { offRecordHttpResponse } from './off-record.js';
import type { RecordedQueue } from './recorded-queue.js';
import type { Divergence, HttpStubPlan, OffRecordHttpResponse } from './stub-types.js';
import { unexpectedCallResponse } from './unexpected-response.js';

/** One recorded origin served on a listener. */
export interface HttpRoute {
  plan: HttpStubPlan;
  queue: RecordedQueue<HttpEvent>;
  /** How divergences name it: `http https://api.example.com`. */
  service: string;
}

/** A recorded exchange to replay, or the answer to a call the recording does not have. */
export type HttpDecision =
  | {
      kind: 'replay';
      exchange: HttpEvent;
      action: HttpReplyAction;
      /** Set when the exchange was served out of recorded order. */
      divergence: Divergence | undefined;
    }
  /** `response`: the caller's off-record answer for it, else the unexpected-call error answer. */
  | { kind: 'unexpected'; divergence: Divergence; response: HttpResponseParts }
  /** A supplied answer for a request the recording never saw, though it has one of that shape. */
  | { kind: 'supplied'; divergence: undefined; response: HttpResponseParts };

/**
 * Several origins can share one listener (different recorded host names on one port resolve to
 * the same loopback address in a sandbox): the Host header picks the origin; when it names none
 * of them (the app used an address), all are candidates.
 */
export function decideHttp(
  routes: readonly HttpRoute[],
  request: IncomingHttpRequest,
  latencyScale: number,
  offRecord?: readonly OffRecordHttpResponse[],
): HttpDecision {
  const supplied = offRecordHttpResponse(offRecord, request, true);
  if (supplied) return { kind: 'supplied', divergence: undefined, response: supplied };
  const candidates = routesForHost(routes, request.headers.host);
  const matches = (event: HttpEvent) => httpRequestDifference(event, request);
  const asked = describeHttpRequest(request.method, request.target);
  let best: { route: HttpRoute; exchange: HttpEvent } | undefined;
  for (const route of candidates) {
    const exchange = route.queue.find(matches);
    if (exchange && (!best || exchange.seq < best.exchange.seq)) best = { route, exchange };
  }
  if (best) {
    const overtaken = best.route.queue.serve(best.exchange);
    const ref = (event: HttpEvent) => ({ seq: event.seq, description: describeHttpEvent(event) });
    return {
      kind: 'replay',
      exchange: best.exchange,
      action: httpReplyAction(best.exchange, request.method, latencyScale),
      divergence: overtaken.length
        ? outOfOrder(best.route.service, asked, ref(best.exchange), overtaken.map(ref))
        : undefined,
    };
  }
  const route = earliestNext(candidates) ?? candidates[0];
  const next = route?.queue.next();
  const reason = route?.queue.explainNext(matches);
  const divergence = unexpectedCall(
    route?.service ?? 'http',
    asked,
    next && { seq: next.seq, description: describeHttpEvent(next) },
    reason,
  );
  const response =
    offRecordHttpResponse(offRecord, request, false) ?? unexpectedCallResponse(divergence, reason);
  return { kind: 'unexpected', divergence, response };
}

function routesForHost(routes: readonly HttpRoute[], host: string | string[] | undefined): HttpRoute[] {
  const value = Array.isArray(host) ? host[0] : host;
  if (value === undefined || routes.length < 2) return [...routes];
  const hostname = hostnameOf(value);
  const named = routes.filter((route) => route.plan.host.toLowerCase() === hostname);
  return named.length ? named : [...routes];
}

/** `api.example.com:8443` → `api.example.com`; `[::1]:80` → `::1`. */
function hostnameOf(host: string): string {
  const lower = host.trim().toLowerCase();
  if (lower.startsWith('[')) return lower.slice(1, lower.indexOf(']'));
  const colon = lower.lastIndexOf(':');
  return colon >= 0 && lower.indexOf(':') === colon ? lower.slice(0, colon) : lower;
}

function earliestNext(routes: readonly HttpRoute[]): HttpRoute | undefined {
  let best: HttpRoute | undefined;
  for (const route of routes) {
    const next = route.queue.next();
    if (next && (!best || next.seq < (best.queue.next()?.seq ?? Number.POSITIVE_INFINITY))) best = route;
  }
  return best;
}
