import { safeExecute } from '../../instrument/safe-execute.js';
import { isServerError, statusOfError } from '../http-common/error-status.js';
import { setTriggerRoute } from '../http-common/trigger-route.js';
import { type FastifyReplyLike, type FastifyRequestLike, fastifyErrors } from './fastify-errors.js';

/** The one Fastify method the helper needs; any Fastify instance has it. */
export interface FastifyErrorHookTarget {
  addHook(
    name: 'onError',
    hook: (request: FastifyRequestLike, reply: FastifyReplyLike, error: Error, done: () => void) => void,
  ): unknown;
}

/**
 * Reports the errors of a Fastify app through an `onError` hook. The SDK adds this hook itself to
 * every instance created after it started (Fastify's `fastify.initialization` channel); call it
 * for an instance created before `init()`. With both, each error is still reported once. Only
 * errors answered with a 5xx are reported, and only while the SDK runs.
 *
 * @example
 * const app = Fastify();
 * setupFastifyErrorHandler(app);
 */
export function setupFastifyErrorHandler(app: FastifyErrorHookTarget): void {
  app.addHook('onError', (request, reply, error, done) => {
    safeExecute('capturing a fastify error', () => {
      if (!isServerError(errorStatus(reply, error))) return;
      setTriggerRoute(fastifyErrors.contextOf(request.raw), request.routeOptions?.url);
      fastifyErrors.report(error, request.raw);
    });
    done();
  });
}

/**
 * The status Fastify will answer the error with. `onError` hooks run before the error handler
 * sets it, so this repeats Fastify's own rule: a 4xx/5xx already set on the reply, else the
 * error's `statusCode`/`status`, else 500.
 */
function errorStatus(reply: FastifyReplyLike, error: unknown): number {
  const current = reply.statusCode;
  if (current !== undefined && current >= 400) return current;
  return statusOfError(error) ?? 500;
}
