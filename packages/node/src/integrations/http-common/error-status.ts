/**
 * The HTTP status an error asks for, as frameworks read it (`status` or `statusCode`, 400-599).
 * Express and Fastify answer 500 for errors that carry none.
 */
export function statusOfError(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { status, statusCode } = error as { status?: unknown; statusCode?: unknown };
  for (const value of [status, statusCode]) {
    if (typeof value === 'number' && Number.isInteger(value) && value >= 400 && value <= 599) return value;
  }
  return undefined;
}

/**
 * Framework errors are packaged when they end in a server error: a 4xx (not found, validation)
 * is the app working as designed, not a failure to reproduce.
 */
export function isServerError(status: number | undefined): boolean {
  return status === undefined || status >= 500;
}
