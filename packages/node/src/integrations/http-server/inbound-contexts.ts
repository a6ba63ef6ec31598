import type { RequestContext } from '../../context/request-context.js';

/**
 * The context of each inbound request, kept on its IncomingMessage, so framework hooks that are
 * handed the request object find its context even where async context was lost (callbacks queued
 * by libraries that do not propagate it). A symbol property rather than a WeakMap: one per
 * request, on the hot path, and gone with the request.
 */
const kContext = Symbol('flashback.requestContext');

type WithContext = { [kContext]?: RequestContext };

export function setInboundContext(request: object, context: RequestContext): void {
  (request as WithContext)[kContext] = context;
}

/** The context created for an inbound request (Node's IncomingMessage), if it was instrumented. */
export function inboundContextOf(request: object): RequestContext | undefined {
  return (request as WithContext)[kContext];
}
