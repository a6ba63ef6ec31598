import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyInstance } from 'fastify';
import { ERROR_STATUS, FASTIFY_CODE_MAP } from './error-status.js';
import { isServerError, ServerError } from './server-errors.js';

/** The body of every error reply. */
export interface ErrorReplyBody {
  statusCode: number;
  code: string;
  error: string;
  message: string;
  errors?: readonly { path: string; message: string }[];
  [extra: string]: unknown;
}

/**
 * One shape for every error: our `ServerError`s by the status table, Fastify's own errors mapped
 * onto our codes, anything unexpected as a logged 500 without internals.
 */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | ServerError, request, reply) => {
    const known = toServerError(error);
    const statusCode = ERROR_STATUS[known.code];
    if (statusCode >= 500) request.log.error({ err: error }, known.message);
    if (known.retryAfterSeconds !== undefined) reply.header('retry-after', String(known.retryAfterSeconds));
    const body: ErrorReplyBody = {
      ...known.extra,
      statusCode,
      code: known.code,
      error: STATUS_CODES[statusCode] ?? 'Error',
      message: known.message,
      ...(known.details ? { errors: known.details } : {}),
    };
    return reply.code(statusCode).type('application/json').send(body);
  });

  app.setNotFoundHandler((request, reply) => {
    const statusCode = ERROR_STATUS.FB_ERR_NOT_FOUND;
    const body: ErrorReplyBody = {
      statusCode,
      code: 'FB_ERR_NOT_FOUND',
      error: STATUS_CODES[statusCode] ?? 'Not Found',
      message: `no route ${request.method} ${request.url.split('?', 1)[0]}`,
    };
    return reply.code(statusCode).send(body);
  });
}

function toServerError(error: FastifyError | ServerError): ServerError {
  if (isServerError(error)) return error;
  const mapped = error.code ? FASTIFY_CODE_MAP[error.code] : undefined;
  if (mapped) return new ServerError(mapped, error.message, { cause: error });
  // Other client errors Fastify raises (bad URL, bad content length...) stay client errors.
  if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
    const code = error.statusCode === 405 ? 'FB_ERR_METHOD_NOT_ALLOWED' : 'FB_ERR_BAD_REQUEST';
    return new ServerError(code, error.message, { cause: error });
  }
  return new ServerError('FB_ERR_INTERNAL', 'the collector failed unexpectedly; the error is in its log', {
    cause: error,
  });
}
