/** What to do with a collector reply. */
export type ReplyClass = 'ok' | 'retry' | 'reject';

/**
 * 2xx is delivered. 408, 429 and 5xx are the collector's own trouble and worth another try; any
 * other status says the request itself is wrong (bad key, malformed batch), so repeating it cannot help.
 */
export function classifyStatus(status: number): ReplyClass {
  if (status >= 200 && status < 300) return 'ok';
  if (status === 408 || status === 429 || status >= 500) return 'retry';
  return 'reject';
}

/**
 * Exponential backoff with "equal jitter": half the step is fixed, half random, so many SDK
 * instances that failed together do not retry in lockstep, yet every wait still grows.
 * `attempt` counts from 0.
 */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number): number {
  const step = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(step / 2 + (random() * step) / 2);
}

/** Parses `Retry-After` (seconds, or an HTTP date) into milliseconds from `nowMs`. */
export function parseRetryAfter(value: string | string[] | undefined, nowMs: number): number | undefined {
  const raw = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!raw) return undefined;
  if (/^\d+(\.\d+)?$/.test(raw)) return Math.round(Number(raw) * 1000);
  // Only an HTTP date (it names a weekday and month) counts: Date.parse also accepts '-5' as a year.
  const date = /[A-Za-z]/.test(raw) ? Date.parse(raw) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}
