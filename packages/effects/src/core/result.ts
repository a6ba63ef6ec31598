/**
 * Explicit results: a command's outcome reaches its continuation as a value, never as an exception,
 * so a failure flows through the pipeline like any other data and replays exactly.
 */

/** What went wrong, as plain data: comparable, serialisable, identical in production and replay. */
export interface EffectError {
  /** Error class or domain name: `PaymentRejected`, `TypeError`, `ECONNREFUSED`... */
  readonly type: string;
  readonly message: string;
  /** A machine-readable code (a SQLSTATE, `ETIMEDOUT`, `amount_too_small`). */
  readonly code?: string | undefined;
  /** Structured details the logic wants to keep with the failure. */
  readonly data?: unknown;
  /** Where the failure was raised; kept for error packages, never compared by replay. */
  readonly stack?: string | undefined;
}

export interface Success<T> {
  readonly ok: true;
  readonly value: T;
}

export interface Failure<E = EffectError> {
  readonly ok: false;
  readonly error: E;
}

export type Result<T, E = EffectError> = Success<T> | Failure<E>;

export function success<T>(value: T): Success<T> {
  return { ok: true, value };
}

export function failure<E = EffectError>(error: E): Failure<E> {
  return { ok: false, error };
}

/**
 * A failure raised by the logic, with the stack of the caller so the error package points at it.
 *
 * @example
 * if (total < 0) return fail(effectError('InvalidTotal', `total ${total} is negative`));
 */
export function effectError(
  type: string,
  message: string,
  details: { code?: string; data?: unknown } = {},
): EffectError {
  const holder: { stack?: string } = {};
  Error.captureStackTrace(holder, effectError);
  return { type, message, ...details, stack: `${type}: ${message}\n${stackFrames(holder.stack)}` };
}

/** Turns anything thrown (an Error from a driver, a string, a rejected promise) into an EffectError. */
export function toEffectError(thrown: unknown): EffectError {
  if (thrown instanceof Error) {
    const code = (thrown as { code?: unknown }).code;
    return {
      type: thrown.name === 'Error' ? (thrown.constructor?.name ?? 'Error') : thrown.name,
      message: thrown.message,
      code: typeof code === 'string' ? code : typeof code === 'number' ? String(code) : undefined,
      stack: thrown.stack,
    };
  }
  if (isEffectError(thrown)) return thrown;
  return { type: 'NonErrorThrown', message: String(thrown) };
}

export function isEffectError(value: unknown): value is EffectError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as EffectError).type === 'string' &&
    typeof (value as EffectError).message === 'string'
  );
}

/** The `at ...` lines of a captured stack, without the `Error` header line. */
function stackFrames(stack: string | undefined): string {
  if (!stack) return '';
  const newline = stack.indexOf('\n');
  return newline < 0 ? '' : stack.slice(newline + 1);
}
