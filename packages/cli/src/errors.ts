/** Typed errors of the command line itself. Errors of the library keep their own codes. */

export type CliErrorCode =
  /** The command line is wrong: unknown command or option, missing or malformed value. */
  | 'FB_CLI_USAGE'
  /** An output file exists already and is never overwritten. */
  | 'FB_CLI_OUTPUT_EXISTS'
  /** `flashback.config.json` cannot be read or is not valid. */
  | 'FB_CLI_BAD_CONFIG'
  /** A package file given to a command cannot be read or is not a valid package. */
  | 'FB_CLI_BAD_PACKAGE';

export class CliError extends Error {
  override readonly name = 'CliError';
  readonly code: CliErrorCode;

  constructor(code: CliErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
