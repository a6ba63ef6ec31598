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
  /** `performance.now()` time after which the action has expired. */
  expiresAt: number;
}

const { getOwnPropertyDescriptor, getPrototypeOf } = Object;

export class ProbeRuntime implements SafeRuntime {
  /** Indexed by slot; patched code tests `armed[slot] !== undefined` before anything else. */
  readonly armed: (ArmedProbe | undefined)[] = [];
  /** Slot of the snapshot whose `debugger` statement is executing; 0 otherwise. */
  pending = 0;
  private windowStart = 0;
  private windowHits = 0;
  private windowMs = 0;
  private entered = 0;

  constructor(
    private readonly limits: ProbeLimits,
    private readonly events: ProbeEvents,
  ) {}

  arm(slot: number, maxHits: number, expiresAt: number): void {
    this.armed[slot] = { maxHits, hits: 0, expiresAt };
  }

  disarm(slot: number): void {
    this.armed[slot] = undefined;
  }

  /** Before the condition: false when the action must not run (and it is disabled if it is over a limit). */
  enter(slot: number): boolean {
    const probe = this.armed[slot];
    if (!probe) return false;
    const now = performance.now();
    if (now > probe.expiresAt) return this.disable(slot, 'expired');
    if (now - this.windowStart >= 1000) {
      this.windowStart = now;
      this.windowHits = 0;
      this.windowMs = 0;
    }
    this.entered = now;
    return true;
  }

  /** After the condition held: counts the hit against the limits; false when one is exceeded. */
  hit(slot: number): boolean {
    const probe = this.armed[slot];
    if (!probe) return false;
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

  /** After the action ran (or its condition was false): charges the time to the budget. */
  exit(slot: number): void {
    this.windowMs += performance.now() - this.entered;
    if (this.windowMs > this.limits.budgetMsPerSecond && this.armed[slot]) {
      this.disable(
        slot,
        `time budget exceeded: tracing took more than ${this.limits.budgetMsPerSecond} ms in one second`,
      );
    }
  }

  log(slot: number, message: string): void {
    if (this.hit(slot)) this.events.log(slot, message);
  }

  fail(slot: number, error: unknown): void {
    this.armed[slot] = undefined;
    this.events.failed(slot, error);
  }

  /** Charges time spent outside `enter`/`exit`, e.g. a snapshot pause. */
  charge(ms: number): void {
    this.windowMs += ms;
  }

  get(target: unknown, key: unknown, optional: boolean): unknown {
    if (target === null || target === undefined) {
      if (optional) return undefined;
      throw new TypeError(`cannot read ${String(key)} of ${String(target)}`);
    }
    if (typeof target !== 'object' && typeof target !== 'function') {
      return (target as Record<PropertyKey, unknown>)[key as PropertyKey];
    }
    if (types.isProxy(target)) throw new TypeError(`not reading ${String(key)} through a Proxy`);
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
      this.armed[slot] = undefined;
      this.events.disabled(slot, reason);
    }
    return false;
  }
}
