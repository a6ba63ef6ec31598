import { ServerError } from './server-errors.js';

/** Seconds a client waits before trying again when the database does not answer. */
export const STORAGE_RETRY_AFTER_SECONDS = 5;

/**
 * Runs a database call and turns its failure into a 503 with Retry-After: the database being down
 * is the collector's problem, so clients (the SDK retries 5xx) must try again rather than give up.
 */
export async function storageCall<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ServerError) throw error;
    throw new ServerError(
      'FB_ERR_STORAGE_UNAVAILABLE',
      `the collector could not ${what}: its database did not answer; try again later`,
      {
        cause: error,
        retryAfterSeconds: STORAGE_RETRY_AFTER_SECONDS,
      },
    );
  }
}
