import type { ErrorPackage } from '@flashback/protocol/types';

/**
 * Where error packages go once built: a directory, the collector, or both.
 *
 * Every method is safe to call from the host's hot path: nothing throws into the caller, and
 * failures are reported through the debug logger and counted.
 */
export interface Transport {
  /** Queues the package for delivery and returns at once; never throws, never blocks on IO. */
  send(pkg: ErrorPackage): void;
  /**
   * For a process about to die (an uncaught exception, right before exit): persists the package,
   * and whatever is still waiting in memory, synchronously to disk so that it is delivered later.
   */
  sendSync(pkg: ErrorPackage): void;
  /** Resolves true once everything queued so far is delivered or persisted, false on timeout. */
  flush(timeoutMs: number): Promise<boolean>;
  /** Flushes, then stops: later packages are dropped. Resolves true when nothing was lost. */
  close(timeoutMs: number): Promise<boolean>;
}
