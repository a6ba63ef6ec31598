/** Typed errors of the MCP server. A tool that fails returns the message as a tool error. */

export type McpErrorCode =
  /** The collector answered with an error (unknown issue, bad token, bad input...). */
  | 'FB_MCP_COLLECTOR'
  /** The collector could not be reached at all. */
  | 'FB_MCP_UNREACHABLE'
  /** No project was named and the token does not tell which one is meant. */
  | 'FB_MCP_NO_PROJECT'
  /** The tool's input makes no sense together (e.g. neither an issue nor a package named). */
  | 'FB_MCP_BAD_INPUT';

export class FlashbackMcpError extends Error {
  override readonly name = 'FlashbackMcpError';

  constructor(
    readonly code: McpErrorCode,
    message: string,
    options: { cause?: unknown; status?: number } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.status = options.status;
  }

  /** HTTP status of the collector's answer, for `FB_MCP_COLLECTOR`. */
  readonly status: number | undefined;
}
