/**
 * Every failure the server reports, by stable code. The code says what went wrong; the message says
 * what to do about it. `error-status.ts` maps each code to its HTTP status, in one table.
 */
export type ServerErrorCode =
  | 'FB_ERR_MISSING_KEY'
  | 'FB_ERR_INVALID_KEY'
  | 'FB_ERR_UNKNOWN_PROJECT'
  | 'FB_ERR_MISSING_TOKEN'
  | 'FB_ERR_INVALID_TOKEN'
  | 'FB_ERR_FORBIDDEN'
  | 'FB_ERR_BODY_TOO_LARGE'
  | 'FB_ERR_DECOMPRESSED_TOO_LARGE'
  | 'FB_ERR_TOO_MANY_PACKAGES'
  | 'FB_ERR_UNSUPPORTED_MEDIA_TYPE'
  | 'FB_ERR_UNSUPPORTED_ENCODING'
  | 'FB_ERR_INVALID_GZIP'
  | 'FB_ERR_INVALID_JSON'
  | 'FB_ERR_TOO_DEEP'
  | 'FB_ERR_INVALID_BATCH'
  | 'FB_ERR_INVALID_PACKAGES'
  | 'FB_ERR_RATE_LIMITED'
  | 'FB_ERR_NOT_FOUND'
  /** An issue to resolve has no `fixed` verification, and resolving it was not forced. */
  | 'FB_ERR_NOT_VERIFIED'
  | 'FB_ERR_INVALID_QUERY'
  | 'FB_ERR_METHOD_NOT_ALLOWED'
  | 'FB_ERR_BAD_REQUEST'
  | 'FB_ERR_INVALID_PROJECT_NAME'
  | 'FB_ERR_PROJECT_EXISTS'
  | 'FB_ERR_INVALID_SERVICE'
  | 'FB_ERR_INVALID_WEBHOOK'
  | 'FB_ERR_INVALID_DATABASE'
  | 'FB_ERR_STORAGE_UNAVAILABLE'
  | 'FB_ERR_INTERNAL';

/** A JSON path and what was wrong there, as `validatePackage` reports it. */
export interface ErrorDetail {
  path: string;
  message: string;
}

export interface ServerErrorOptions {
  cause?: unknown;
  /** Per-path problems, sent to the client as `errors`. */
  details?: readonly ErrorDetail[];
  /** Seconds, sent as `Retry-After` (429, 503). */
  retryAfterSeconds?: number;
  /** More fields for the reply body, e.g. the `rejected` packages of a batch. */
  extra?: Readonly<Record<string, unknown>>;
}

export class ServerError extends Error {
  override readonly name = 'ServerError';
  readonly details: readonly ErrorDetail[] | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly extra: Readonly<Record<string, unknown>> | undefined;

  constructor(
    readonly code: ServerErrorCode,
    message: string,
    options: ServerErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.details = options.details;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.extra = options.extra;
  }
}

export function isServerError(error: unknown): error is ServerError {
  return error instanceof ServerError;
}
