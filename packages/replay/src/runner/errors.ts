/** Typed errors of a reproduction, each with a stable code the CLI maps to an exit code. */

export type ReproErrorCode =
  /** The package file is missing, not JSON, truncated or not a valid error package. */
  | 'FB_REPRO_INVALID_PACKAGE'
  /** The package has no trigger (the error happened outside any request): nothing to replay. */
  | 'FB_REPRO_NO_TRIGGER'
  /** The trigger is of a kind the runner cannot fire yet (a background job). */
  | 'FB_REPRO_UNSUPPORTED_TRIGGER'
  /** The app spec is unusable: no such directory, an empty start command, no port. */
  | 'FB_REPRO_INVALID_APP'
  /** The capture SDK (`@flashback/node/register`) was not found for the replayed app. */
  | 'FB_REPRO_SDK_NOT_FOUND'
  /** Inferring or materialising the database fixtures failed. */
  | 'FB_REPRO_FIXTURE_FAILED'
  /** The stubs could not be started (a recorded port taken, a bad recording). */
  | 'FB_REPRO_STUBS_FAILED'
  /** The port the app must listen on is already taken. */
  | 'FB_REPRO_PORT_IN_USE'
  /** The app exited before it was ready. */
  | 'FB_REPRO_APP_EXITED'
  /** The app did not get ready within its time. */
  | 'FB_REPRO_APP_NOT_READY'
  /** The sandbox could not run (driver unavailable, set-up failed, a path not accessible). */
  | 'FB_REPRO_SANDBOX_FAILED'
  /** The whole reproduction outlasted its time limit. */
  | 'FB_REPRO_TIMEOUT'
  /** The runner ended without writing a verdict. */
  | 'FB_REPRO_RUNNER_FAILED';

export class ReproError extends Error {
  override readonly name = 'ReproError';
  readonly code: ReproErrorCode;
  /** Supporting output, such as the tail of the app's stderr. */
  readonly detail: string | undefined;

  constructor(code: ReproErrorCode, message: string, options?: { cause?: unknown; detail?: string }) {
    super(message, options);
    this.code = code;
    this.detail = options?.detail;
  }
}

/** True when `error` is a {@link ReproError}, optionally with the given code. */
export function isReproError(error: unknown, code?: ReproErrorCode): error is ReproError {
  return error instanceof ReproError && (code === undefined || error.code === code);
}
