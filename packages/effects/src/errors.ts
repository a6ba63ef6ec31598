/** Errors of the library itself (misuse, unreadable traces), with stable codes for the CLI. */
export type EffectsErrorCode =
  /** A command kind no handler was registered for. */
  | 'FB_EFFECTS_NO_HANDLER'
  /** Two handlers for one kind. */
  | 'FB_EFFECTS_DUPLICATE_HANDLER'
  /** `runSync` met a handler that answered with a promise. */
  | 'FB_EFFECTS_ASYNC_HANDLER'
  /** A trace document that is not `flashback.effects-trace/1`. */
  | 'FB_EFFECTS_INVALID_TRACE'
  /** Replay was given a program other than the one the trace recorded. */
  | 'FB_EFFECTS_PROGRAM_MISMATCH'
  /** The program a trace names could not be loaded. */
  | 'FB_EFFECTS_PROGRAM_NOT_FOUND';

export class EffectsError extends Error {
  override readonly name = 'EffectsError';

  constructor(
    readonly code: EffectsErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isEffectsError(error: unknown, code?: EffectsErrorCode): error is EffectsError {
  return error instanceof EffectsError && (code === undefined || error.code === code);
}
