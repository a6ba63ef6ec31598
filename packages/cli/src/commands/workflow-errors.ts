/**
 * Errors of the fix workflow (export-test, verify, bisect): the input names something that is not
 * there or not usable. The `FB_CLI_*` family, so they exit with 2 like every input error.
 */
export type WorkflowErrorCode =
  /** The collector cannot be reached, refused the token, or has no such issue. */
  | 'FB_CLI_COLLECTOR'
  /** The issue has no reproduction that confirmed the failure. */
  | 'FB_CLI_NOT_CONFIRMED'
  /** The app directory, its git repository or a revision is not usable. */
  | 'FB_CLI_GIT'
  /** An input file (answers for calls off the recording, the app's package.json) is not usable. */
  | 'FB_CLI_BAD_INPUT';

export class WorkflowError extends Error {
  override readonly name = 'WorkflowError';
  readonly code: WorkflowErrorCode;

  constructor(code: WorkflowErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
