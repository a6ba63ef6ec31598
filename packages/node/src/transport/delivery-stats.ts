import { debug } from '../debug-logger.js';
import type { SpoolWriteResult } from './spool-store.js';

/** Why a package was not delivered. */
export type DropReason =
  /** The in-memory queue was at its bound. */
  | 'queueFull'
  /** The collector refused it with a 4xx that retrying cannot fix, or replied without acknowledging it. */
  | 'rejected'
  /** The spool was at its bound while the collector was unreachable. */
  | 'spoolFull'
  /** Writing it to the spool failed. */
  | 'spoolError'
  /** It could not be serialized, or a spooled copy was unreadable. */
  | 'invalid'
  /** It arrived after `close()`. */
  | 'closed';

/** Counters of one HTTP transport, for debugging and tests. */
export interface DeliveryStats {
  /** Packages in the in-memory queue, and their bytes. */
  queued: number;
  queuedBytes: number;
  /** Packages the collector acknowledged (accepted, or already had). */
  delivered: number;
  /** Packages written to the spool. */
  spooled: number;
  dropped: Record<DropReason, number>;
  /** True while the collector is considered unreachable and new packages go to the spool. */
  offline: boolean;
}

/** Counts deliveries and drops; logs drops in debug without flooding the log during a storm. */
export class DeliveryCounters {
  delivered = 0;
  spooled = 0;
  readonly dropped: Record<DropReason, number> = {
    queueFull: 0,
    rejected: 0,
    spoolFull: 0,
    spoolError: 0,
    invalid: 0,
    closed: 0,
  };

  drop(reason: DropReason, count: number, why: string): void {
    if (count <= 0) return;
    const before = this.dropped[reason];
    const after = before + count;
    this.dropped[reason] = after;
    // Log the first drop, then each time the total passes a power of ten.
    if (before === 0 || Math.floor(Math.log10(after)) > Math.floor(Math.log10(before))) {
      debug.warn(`dropped ${count} package(s): ${why} (${after} dropped as ${reason} so far)`);
    }
  }

  /** Counts the outcome of writing one package to the spool. */
  spoolWrite(id: string, result: SpoolWriteResult): void {
    if (result === 'written') this.spooled++;
    else if (result === 'full') this.drop('spoolFull', 1, `the spool is full; package ${id} is lost`);
    else if (result === 'failed') this.drop('spoolError', 1, `package ${id} could not be spooled`);
  }
}
