/**
 * The object patched code calls at each armed line (a global, since patched code can only name
 * it in source text). It decides, per hit, whether an action may still run — hit limit, expiry,
 * the per-service rate and the time budget — and evaluates nothing itself: conditions and
 * templates are compiled into the patched line and read values through `get`, `prim` and `str`,
 * which never run the host's code (getters, proxies, `valueOf`).
 */
import { inspect, types } from 'node:util';
import type { SafeRuntime } from '@flashback/protocol/tracing';

export const PROBE_GLOBAL = '__flashbackTracing';

/** What the runtime reports back to the engine. */
export interface ProbeEvents {
  log(slot: number, message: string): void;
  /** The line of a snapshot action matched: the engine pauses here (see `snapshotRequested`). */
  disabled(slot: number, reason: string): void;
  failed(slot: number, error: unknown): void;
}

export interface ProbeLimits {
  /** Matching hits per second across all actions of the process. */
  hitsPerSecond: number;
  /** Time spent in tracing per second, in milliseconds, across all actions. */
  budgetMsPerSecond: number;
}

interface ArmedProbe {
  maxHits: number;
  hits: number;
}

const { getOwnPropertyDescriptor, getPrototypeOf } = Object;

export class ProbeRuntime implements SafeRuntime {
  /** Indexed by slot; patched code tests `armed[slot] !== undefined` before anything else. */
  readonly armed: (ArmedProbe | undefined)[] = [];
  /** Slot of the snapshot whose `debugger` statement is executing; 0 otherwise. */
  pending = 0;
  private readonly expiries = new Map<number, NodeJS.Timeout>();
  private windowStart = 0;
  private windowHits = 0;
  private windowMs = 0;

  constructor(
    private readonly limits: ProbeLimits,
    private readonly events: ProbeEvents,
  ) {}

  /**
   * Arms a slot. A line whose condition does not hold costs only the `armed` check and the
   * condition: expiry is a timer, and the clock is read only once a hit counts.
   */
  arm(slot: number, maxHits: number, expiresInMs: number): void {
    this.armed[slot] = { maxHits, hits: 0 };
    const timer = setTimeout(() => this.disable(slot, 'expired'), expiresInMs);
    timer.unref();
    this.expiries.set(slot, timer);
  }

  disarm(slot: number): void {
    this.armed[slot] = undefined;
    clearTimeout(this.expiries.get(slot));
    this.expiries.delete(slot);
  }

  /** The condition held: counts the hit against the limits; false when one is exceeded. */
  hit(slot: number): boolean {
    const probe = this.armed[slot];
    if (!probe) return false;
    const now = performance.now();
    if (now - this.windowStart >= 1000) {
      this.windowStart = now;
      this.windowHits = 0;
      this.windowMs = 0;
    }
    if (++this.windowHits > this.limits.hitsPerSecond) {
      return this.disable(
        slot,
        `rate limit exceeded: more than ${this.limits.hitsPerSecond} hits/s in this process`,
      );
    }
    probe.hits++;
    if (probe.hits >= probe.maxHits) {
      // This hit still counts; the action stops after it.
      queueMicrotask(() => this.disable(slot, `hit limit reached (${probe.maxHits})`));
    }
    return true;
  }

  /** A log line whose template was filled in starting at `startedAt` (`performance.now()`). */
  log(slot: number, message: string, startedAt: number): void {
    this.events.log(slot, message);
    this.charge(slot, performance.now() - startedAt);
  }

  fail(slot: number, error: unknown): void {
    this.disarm(slot);
    this.events.failed(slot, error);
  }

  /** Charges time spent for an action (formatting a log line, a snapshot pause) to the budget. */
  charge(slot: number, ms: number): void {
    this.windowMs += ms;
    if (this.windowMs > this.limits.budgetMsPerSecond && this.armed[slot]) {
      this.disable(
        slot,
        `time budget exceeded: tracing took more than ${this.limits.budgetMsPerSecond} ms in one second`,
      );
    }
  }

  get(target: unknown, key: unknown, optional: boolean): unknown {
    if (target === null || target === undefined) {
      if (optional) return undefined;
      throw new TypeError(`cannot read ${String(key)} of ${String(target)}`);
    }
    if (typeof target !== 'object' && typeof target !== 'function') {
      return (target as Record<PropertyKey, unknown>)[key as PropertyKey];
    }
    const name = typeof key === 'symbol' ? key : String(key);
    for (let object: object | null = target; object !== null; object = getPrototypeOf(object)) {
      if (types.isProxy(object)) throw new TypeError(`not reading ${String(key)} through a Proxy`);
      const descriptor = getOwnPropertyDescriptor(object, name);
      if (!descriptor) continue;
      if ('value' in descriptor) return descriptor.value;
      throw new TypeError(`${String(key)} is a getter; tracing expressions do not run getters`);
    }
    return undefined;
  }

  prim(value: unknown): unknown {
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return value;
    throw new TypeError('an operator got an object; tracing expressions only convert primitives');
  }

  str(value: unknown): string {
    if (typeof value === 'string') return value;
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return String(value);
    return inspect(value, {
      depth: 2,
      customInspect: false,
      getters: false,
      showProxy: true,
      breakLength: Infinity,
    });
  }

  private disable(slot: number, reason: string): false {
    if (this.armed[slot]) {
      this.disarm(slot);
      this.events.disabled(slot, reason);
    }
    return false;
  }
}
