const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "just now", "5 min ago", "3 h ago", "2 days ago", then the date. */
export function relativeTime(iso: string, now = Date.now()): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return iso;
  const ago = now - then;
  if (ago < MINUTE) return 'just now';
  if (ago < HOUR) return `${Math.floor(ago / MINUTE)} min ago`;
  if (ago < DAY) return `${Math.floor(ago / HOUR)} h ago`;
  if (ago < 30 * DAY) {
    const days = Math.floor(ago / DAY);
    return `${days} day${days === 1 ? '' : 's'} ago`;
  }
  return new Date(then).toISOString().slice(0, 10);
}

/** `2026-11-22 08:02:14 UTC`: exact, for tooltips and the package page. */
export function absoluteTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** Milliseconds with a precision that suits their size: 0.66 ms, 6.9 ms, 812 ms, 2.4 s. */
export function formatMs(ms: number): string {
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 100) return `${ms.toFixed(1)} ms`;
  if (ms < 10_000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

/** "in 9 min", "in 2 h", or "expired": how long until a deadline. */
export function timeUntil(iso: string, now = Date.now()): string {
  const left = Date.parse(iso) - now;
  if (Number.isNaN(left)) return iso;
  if (left <= 0) return 'expired';
  if (left < MINUTE) return 'in under a minute';
  if (left < HOUR) return `in ${Math.round(left / MINUTE)} min`;
  return `in ${Math.round(left / HOUR)} h`;
}
