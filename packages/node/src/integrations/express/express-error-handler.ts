import { safeExecute } from '../../instrument/safe-execute.js';
import { type ExpressRequestLike, reportExpressError } from './express-errors.js';

/** An Express error-handling middleware, by its four-parameter shape. */
export type ExpressErrorMiddleware = (
  error: unknown,
  req: ExpressRequestLike,
  res: unknown,
  next: (error?: unknown) => void,
) => void;

/**
 * An error middleware that reports the error and passes it on unchanged to the app's own error
 * handling. Register it after the routes and before other error handlers. Express 5 apps on
 * `router` ≥ 2.3 are covered without it; with both, each error is reported once. Only errors
 * asking for a 5xx are reported, and only while the SDK runs.
 *
 * @example
 * app.use(routes);
 * app.use(expressErrorHandler());
 * app.use(myErrorHandler);
 */
export function expressErrorHandler(): ExpressErrorMiddleware {
  return function flashbackErrorHandler(error, req, _res, next) {
    safeExecute('capturing an express error', () => reportExpressError(error, req));
    next(error);
  };
}
