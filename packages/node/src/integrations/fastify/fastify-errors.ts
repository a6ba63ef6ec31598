import { FrameworkErrorReporter } from '../http-common/framework-error-reporter.js';

/** Shared by the diagnostics-channel subscriber and `setupFastifyErrorHandler`, so an error is reported once. */
export const fastifyErrors = new FrameworkErrorReporter('fastify');

/** The parts of Fastify's request and reply the SDK reads. */
export interface FastifyRequestLike {
  raw?: object;
  routeOptions?: { url?: string };
}

export interface FastifyReplyLike {
  statusCode?: number;
}
