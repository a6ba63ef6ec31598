/** PostgreSQL SQLSTATEs after which the same transaction may simply run again. */
const RETRYABLE_SQLSTATES = new Set(['40001', '40P01']);
const MAX_ATTEMPTS = 4;

/**
 * Runs `attempt` again when it lost a race with another writer (serialization failure, deadlock,
 * a concurrent insert of the same package id). Only PostgreSQL with several collectors gets here;
 * SQLite has a single writer.
 */
export async function withTransactionRetry<T>(attempt: () => Promise<T>): Promise<T> {
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (tries >= MAX_ATTEMPTS || !isRetryable(error)) throw error;
    }
  }
}

function isRetryable(error: unknown): boolean {
  if (error instanceof Error && error.name === 'ConcurrentInsertError') return true;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && RETRYABLE_SQLSTATES.has(code);
}
