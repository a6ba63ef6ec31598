import { debug } from '../debug-logger.js';
import { backoffDelay } from './retry-policy.js';

/** A Retry-After beyond this is treated as this: a broken header must not stop delivery for days. */
const MAX_OFFLINE_MS = 60 * 60 * 1000;

/** The backoff between probes of an unreachable collector. */
export interface ProbeBackoff {
  retryBaseMs: number;
  retryMaxMs: number;
  random: () => number;
}

/**
 * Whether the collector is considered reachable. After a failure it is offline until a backoff
 * (growing with each failed probe, or the server's Retry-After when longer) has passed.
 */
export class CollectorHealth {
  private offlineUntil: number | undefined;
  private failedProbes = 0;

  constructor(private readonly backoff: ProbeBackoff) {}

  get offline(): boolean {
    return this.offlineUntil !== undefined;
  }

  /** Milliseconds before the next probe may run; 0 when it may run now. */
  msUntilProbe(now = Date.now()): number {
    return Math.max(0, (this.offlineUntil ?? now) - now);
  }

  failed(retryAfterMs: number | undefined): void {
    const { retryBaseMs, retryMaxMs, random } = this.backoff;
    const delay = backoffDelay(this.failedProbes++, retryBaseMs, retryMaxMs, random);
    this.offlineUntil = Date.now() + Math.min(MAX_OFFLINE_MS, Math.max(delay, retryAfterMs ?? 0));
  }

  /** The collector answered (whatever it said): it is reachable. */
  reachable(): void {
    if (this.offlineUntil !== undefined) debug.log('the collector is reachable again');
    this.offlineUntil = undefined;
    this.failedProbes = 0;
  }
}
