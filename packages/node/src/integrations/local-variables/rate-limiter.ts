/** Settings of the pause rate limiter. */
export interface RateLimiterOptions {
  /** Pauses allowed per one-second window; the next one trips the limiter. */
  maxPerSecond: number;
  /** First cooldown; each trip in a row doubles it. */
  cooldownMs: number;
  /** Longest cooldown. A trip longer than this after the last one starts again from `cooldownMs`. */
  maxCooldownMs: number;
  /** Monotonic clock in ms. */
  now?: () => number;
}

/**
 * Bounds how often the main thread may be paused for exceptions. Every pause stops the host for a
 * round trip to the worker, so a storm of exceptions (a retry loop, a parser fed garbage) must not
 * turn into a stalled service: past the limit, pausing is switched off for an exponentially growing
 * cooldown. Pure bookkeeping; the caller switches the debugger.
 */
export class PauseRateLimiter {
  private readonly now: () => number;
  private windowStart = Number.NEGATIVE_INFINITY;
  private count = 0;
  private consecutiveTrips = 0;
  private lastTripAt = Number.NEGATIVE_INFINITY;
  /** Times the limiter tripped. */
  trips = 0;

  constructor(private readonly options: RateLimiterOptions) {
    this.now = options.now ?? (() => performance.now());
  }

  /**
   * Records one pause. Returns the cooldown in ms when this pause exceeds the limit (pausing must
   * be switched off for that long, and this pause not collected), otherwise undefined.
   */
  hit(): number | undefined {
    const now = this.now();
    if (now - this.windowStart >= 1000) {
      this.windowStart = now;
      this.count = 0;
    }
    this.count++;
    if (this.count <= this.options.maxPerSecond) return undefined;
    // Calm for longer than the longest cooldown: this storm is a new one.
    if (now - this.lastTripAt > this.options.maxCooldownMs + this.currentCooldown())
      this.consecutiveTrips = 0;
    this.consecutiveTrips++;
    this.trips++;
    this.lastTripAt = now;
    this.count = 0;
    this.windowStart = Number.NEGATIVE_INFINITY;
    return this.currentCooldown();
  }

  private currentCooldown(): number {
    const exponent = Math.max(0, this.consecutiveTrips - 1);
    return Math.min(this.options.maxCooldownMs, this.options.cooldownMs * 2 ** Math.min(exponent, 30));
  }
}
