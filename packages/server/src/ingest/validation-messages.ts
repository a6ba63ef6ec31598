import { type ErrorDetail, ServerError, type ServerErrorCode } from '../app/server-errors.js';
import type { IngestHeaders, ValidatedBatch, ValidationLimits } from './decode-and-validate.js';

/** Main thread to validation worker. */
export interface ValidationRequest {
  id: number;
  raw: Uint8Array;
  headers: IngestHeaders;
  limits: ValidationLimits;
}

/** A `ServerError` in a form that survives `postMessage` (class instances do not). */
export interface TransferredError {
  code: ServerErrorCode;
  message: string;
  details?: readonly ErrorDetail[];
  retryAfterSeconds?: number;
  extra?: Readonly<Record<string, unknown>>;
}

/** Validation worker to main thread. */
export type ValidationReply =
  | { id: number; ok: true; batch: ValidatedBatch }
  | { id: number; ok: false; error: TransferredError };

export function toTransferredError(error: unknown): TransferredError {
  if (error instanceof ServerError) {
    return {
      code: error.code,
      message: error.message,
      ...(error.details ? { details: error.details } : {}),
      ...(error.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: error.retryAfterSeconds }),
      ...(error.extra ? { extra: error.extra } : {}),
    };
  }
  return {
    code: 'FB_ERR_INTERNAL',
    message: `validating the batch failed: ${(error as Error)?.message ?? String(error)}`,
  };
}

export function fromTransferredError(error: TransferredError): ServerError {
  return new ServerError(error.code, error.message, {
    ...(error.details ? { details: error.details } : {}),
    ...(error.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: error.retryAfterSeconds }),
    ...(error.extra ? { extra: error.extra } : {}),
  });
}
