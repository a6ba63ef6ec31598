/** Typed errors of the sandbox drivers, each with a stable code a caller can branch on. */

export type SandboxErrorCode =
  /** The spec is malformed (empty command, relative path, bad host entry, non-positive limit). */
  | 'FB_SANDBOX_INVALID_SPEC'
  /** The driver cannot run on this host; the message says why and what to install or enable. */
  | 'FB_SANDBOX_UNAVAILABLE'
  /** The sandbox or its command could not be started (bwrap setup failed, command not spawnable). */
  | 'FB_SANDBOX_START_FAILED'
  /** A path the sandbox needs is missing or not readable by the identity the sandbox runs as. */
  | 'FB_SANDBOX_PATH_NOT_ACCESSIBLE'
  /** A microVM guest image could not be built (copying the files, mkfs.ext4, the initramfs). */
  | 'FB_SANDBOX_IMAGE_BUILD'
  /** A microVM did not boot, or its guest agent did not answer or broke the protocol. */
  | 'FB_SANDBOX_VM_FAILED'
  /** A work directory could not be created, claimed or removed. */
  | 'FB_SANDBOX_WORKDIR'
  /** Processes of a sandbox were still running after it ended (should not happen; a kernel issue). */
  | 'FB_SANDBOX_TEARDOWN_FAILED'
  /** The run was aborted through its `AbortSignal`; everything it started has been stopped. */
  | 'FB_SANDBOX_ABORTED';

export class SandboxError extends Error {
  override readonly name = 'SandboxError';
  readonly code: SandboxErrorCode;

  constructor(code: SandboxErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** True when `error` is a {@link SandboxError}, optionally with the given code. */
export function isSandboxError(error: unknown, code?: SandboxErrorCode): error is SandboxError {
  return error instanceof SandboxError && (code === undefined || error.code === code);
}

/** The error a run rejects with once an abort has stopped everything it started. */
export function abortedError(signal: AbortSignal | undefined): SandboxError {
  const message = 'the sandbox run was aborted; everything it started has been stopped';
  return new SandboxError('FB_SANDBOX_ABORTED', message, { cause: signal?.reason });
}
