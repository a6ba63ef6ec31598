import { setTimeout as delay } from 'node:timers/promises';

export interface WaitForOptions {
  /** What is being awaited, for the timeout message: "PostgreSQL to accept connections". */
  what: string;
  timeoutMs?: number;
  intervalMs?: number;
  /** Stops waiting early, e.g. when the process that should become ready has exited. */
  signal?: AbortSignal;
}

/**
 * Polls `check` until it returns a value other than `undefined`, `null` or `false`,
 * and resolves with that value. A check that throws counts as "not yet"; its last
 * error is quoted in the timeout message.
 *
 * @example
 * const rows = await waitFor(() => collector.packages().length >= 2 && collector.packages(),
 *   { what: 'two packages at the collector', timeoutMs: 5_000 });
 */
export async function waitFor<T>(
  check: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  options: WaitForOptions,
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const intervalMs = options.intervalMs ?? 25;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    options.signal?.throwIfAborted();
    try {
      const value = await check();
      if (value !== undefined && value !== null && value !== false) return value;
    } catch (error: unknown) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const detail = lastError === undefined ? '' : `; last error: ${describe(lastError)}`;
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${options.what}${detail}`);
    }
    try {
      await delay(intervalMs, undefined, options.signal ? { signal: options.signal } : undefined);
    } catch (error: unknown) {
      // Surface the caller's abort reason rather than the timer's generic AbortError.
      options.signal?.throwIfAborted();
      throw error;
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
