/** Typed errors of the stubs, each with a stable code a caller can branch on. */

/** Stable codes of `StubError`. */
export type StubErrorCode =
  /** A timeline event cannot be served: its URL or Redis server address does not parse. */
  | 'FB_STUB_INVALID_EVENT'
  /** Two recorded dependencies of different kinds (HTTP and Redis) need the same address. */
  | 'FB_STUB_ADDRESS_CONFLICT'
  /** A stub could not listen (port taken, address not assigned, no permission). */
  | 'FB_STUB_LISTEN_FAILED'
  /** The throwaway certificate authority for the HTTPS stubs could not be made or written. */
  | 'FB_STUB_CA_FAILED';

/** A stub could not be planned or started; `code` says why. */
export class StubError extends Error {
  override readonly name = 'StubError';
  readonly code: StubErrorCode;

  constructor(code: StubErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** Whether `error` is a `StubError` (with `code`, when given). */
export function isStubError(error: unknown, code?: StubErrorCode): error is StubError {
  return error instanceof StubError && (code === undefined || error.code === code);
}
