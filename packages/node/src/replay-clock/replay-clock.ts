/**
 * A pinned JavaScript clock for reproductions: `Date.now()`, `new Date()` and `Date()` read a
 * captured wall-clock time instead of the host's, so expiry and date logic take the branch they
 * took when the failure was recorded. Only `Date` changes: timers, `performance.now()` and TLS
 * keep the real clock, so timeouts still fire and certificates still validate.
 */

export interface ReplayClock {
  /** The epoch milliseconds `Date.now()` returns at this moment. */
  now(): number;
  /**
   * Lets the clock advance in real time from the pinned instant. Until then it stays frozen at
   * it. Calling it again changes nothing: the first call is the moment the replay began.
   */
  start(): void;
  readonly started: boolean;
  /** Puts the real `Date` back. */
  uninstall(): void;
}

interface DateHolder {
  Date: DateConstructor;
}

/**
 * Replaces `target.Date` (default `globalThis`) with a pinned clock reading `pinnedMs`.
 *
 * @example
 * const clock = installReplayClock(Date.parse('2025-07-01T12:00:00Z'));
 * new Date().toISOString(); // '2025-07-01T12:00:00.000Z' until clock.start()
 */
export function installReplayClock(pinnedMs: number, target: DateHolder = globalThis): ReplayClock {
  const RealDate = target.Date;
  // Monotonic: a host clock step (NTP) during the replay must not move the pinned clock.
  let startedAtPerf: number | undefined;
  const now = (): number =>
    startedAtPerf === undefined ? pinnedMs : pinnedMs + Math.floor(performance.now() - startedAtPerf);

  // A Proxy rather than a subclass: `Date()` called without `new` must keep working, and
  // `Date.prototype` stays the real one, so `instanceof Date` holds for every date in the process.
  const PinnedDate = new Proxy(RealDate, {
    construct(real, args: unknown[], newTarget: new (...a: unknown[]) => object) {
      return Reflect.construct(real, args.length === 0 ? [now()] : args, newTarget);
    },
    apply() {
      return new RealDate(now()).toString();
    },
    get(real, property, receiver) {
      if (property === 'now') return now;
      return Reflect.get(real, property, receiver);
    },
  });
  target.Date = PinnedDate;

  return {
    now,
    start() {
      startedAtPerf ??= performance.now();
    },
    get started() {
      return startedAtPerf !== undefined;
    },
    uninstall() {
      if (target.Date === PinnedDate) target.Date = RealDate;
    },
  };
}
