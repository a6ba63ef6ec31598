import { isServerError, statusOfError } from '../http-common/error-status.js';
import { FrameworkErrorReporter } from '../http-common/framework-error-reporter.js';
import { setTriggerRoute } from '../http-common/trigger-route.js';

/** Shared by the diagnostics-channel subscriber and `expressErrorHandler`, so an error is reported once. */
export const expressErrors = new FrameworkErrorReporter('express');

/** The parts of Express's request the SDK reads (it is Node's IncomingMessage, extended). */
export interface ExpressRequestLike {
  baseUrl?: string;
  route?: { path?: unknown };
}

/**
 * Reports an error Express routes to its error handling, if it asks for a 5xx: like Express's
 * final handler, an error without `status`/`statusCode` means 500, and a 4xx (`createError(404)`,
 * a body parser's 400) is the app answering as designed.
 */
export function reportExpressError(error: unknown, req: ExpressRequestLike | undefined): void {
  if (!isServerError(statusOfError(error))) return;
  const path = req?.route?.path;
  if (typeof path === 'string') setTriggerRoute(expressErrors.contextOf(req), `${req?.baseUrl ?? ''}${path}`);
  expressErrors.report(error, req);
}
