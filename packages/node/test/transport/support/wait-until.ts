import { setTimeout as delay } from 'node:timers/promises';

/**
 * Polls `check` until it returns a truthy value, and returns it; fails after `timeoutMs` naming
 * `what` was awaited. Tests wait on conditions, never on fixed sleeps.
 */
export async function waitUntil<T>(
  what: string,
  check: () => T | Promise<T>,
  timeoutMs = 10_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await delay(10);
  }
}
