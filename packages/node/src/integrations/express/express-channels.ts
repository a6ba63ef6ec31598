import diagnosticsChannel from 'node:diagnostics_channel';
import { safeExecute } from '../../instrument/safe-execute.js';
import { type ExpressRequestLike, reportExpressError } from './express-errors.js';

/**
 * Express 5's router (`router` ≥ 2.3) publishes every middleware and handler on the
 * `express.router.request` tracing channel, and publishes `error` once, where the error
 * originates (a throw, a rejected promise or `next(err)`), errors bubbling through outer layers
 * not again. Subscribed by name, so the SDK never imports Express.
 *
 * Older routers (Express 4, `router` < 2.3) publish nothing; their apps add `expressErrorHandler()`.
 */
const ERROR = 'tracing:express.router.request:error';

function onError(message: unknown): void {
  safeExecute('capturing an express error', () => {
    const trace = message as { req?: ExpressRequestLike; error?: unknown };
    if (trace.error !== undefined) reportExpressError(trace.error, trace.req);
  });
}

export function subscribeExpressChannels(): () => void {
  diagnosticsChannel.subscribe(ERROR, onError);
  return () => diagnosticsChannel.unsubscribe(ERROR, onError);
}
