import type { ErrorPackage } from '@flashback/protocol/types';
import { debug } from '../debug-logger.js';
import { cancellableDelay } from './cancellable-delay.js';
import { CollectorHealth } from './collector-health.js';
import { DeliveryCounters, type DeliveryStats, type DropReason } from './delivery-stats.js';
import {
  type HttpTransportOptions,
  type HttpTransportSettings,
  resolveHttpTransportOptions,
} from './http-transport-options.js';
import { type AttemptResult, IngestClient } from './ingest-client.js';
import type { IngestEndpoint } from './ingest-endpoint.js';
import { type SerializedPackage, serializePackage } from './package-json.js';
import { RecentIds } from './recent-ids.js';
import { backoffDelay } from './retry-policy.js';
import { SendQueue } from './send-queue.js';
import { settleWithin } from './settle-within.js';
import { SettledWaiters } from './settled-waiters.js';
import { collectSpoolBatch } from './spool-batch.js';
import { SpoolStore } from './spool-store.js';
import type { Transport } from './types.js';

/**
 * Delivers packages to the collector: batched, gzip'd, bounded in memory, retried with backoff,
 * and spooled to disk while the collector is unreachable.
 *
 * One operation runs at a time (a batch delivery, a spool write or a spool drain), so the spool is
 * never drained twice at once and ordering stays simple. While online, queued batches are posted
 * with retries; once a batch exhausts them the transport goes offline: new packages go straight to
 * the spool, and the oldest spooled batch serves as a probe, on a backoff, until one is acknowledged.
 */
export class HttpTransport implements Transport {
  private readonly settings: HttpTransportSettings;
  private readonly client: IngestClient;
  private readonly queue: SendQueue;
  private readonly spool: SpoolStore;
  private readonly counters = new DeliveryCounters();
  /** Ids the collector acknowledged, so a spooled copy left on disk is never sent again. */
  private readonly acknowledged = new RecentIds(10_000);
  /** Packages taken off the queue and not yet delivered or persisted. */
  private inFlight: readonly SerializedPackage[] = [];
  private active: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private timerDueAt = Number.POSITIVE_INFINITY;
  private cancelWait: (() => void) | undefined;
  private readonly health: CollectorHealth;
  /** True when the spool may hold something to deliver; true at start for what earlier runs left. */
  private spoolPending = true;
  private readonly settledWaiters = new SettledWaiters();
  private closing = false;
  private stopped = false;

  constructor(endpoint: IngestEndpoint, options: HttpTransportOptions) {
    this.settings = resolveHttpTransportOptions(options);
    const s = this.settings;
    this.client = new IngestClient(endpoint, s.requestTimeoutMs);
    this.queue = new SendQueue(s.maxQueueLength, s.maxQueueBytes);
    this.spool = new SpoolStore(options.spoolDir, { maxFiles: s.maxSpoolFiles, maxBytes: s.maxSpoolBytes });
    this.health = new CollectorHealth(s);
    this.schedule(0);
  }

  send(pkg: ErrorPackage): void {
    try {
      if (!this.enqueue(pkg)) return;
      const s = this.settings;
      const full = this.queue.length >= s.maxBatchPackages || this.queue.bytes >= s.maxBatchBytes;
      this.schedule(full ? 0 : s.batchDelayMs);
    } catch (error) {
      debug.error('queueing a package failed', error);
    }
  }

  sendSync(pkg: ErrorPackage): void {
    try {
      const item = serializePackage(pkg);
      // Whatever waits in memory dies with the process too; the collector drops any duplicate by id.
      const items = [...(item ? [item] : []), ...this.inFlight, ...this.queue.peekAll()];
      for (const each of items) this.counters.spoolWrite(each.id, this.spool.writeSync(each));
      if (!item) this.counters.drop('invalid', 1, 'it could not be serialized');
      this.spoolPending = true;
    } catch (error) {
      debug.error('persisting packages synchronously failed', error);
    }
  }

  flush(timeoutMs: number): Promise<boolean> {
    if (this.isSettled()) return Promise.resolve(true);
    const release = this.client.hold();
    const { settled, forget } = this.settledWaiters.wait();
    this.schedule(0);
    return settleWithin(settled, timeoutMs).finally(() => {
      forget();
      release();
    });
  }

  async close(timeoutMs: number): Promise<boolean> {
    this.closing = true;
    // A batch waiting out its backoff goes to the spool now rather than after the wait.
    this.cancelWait?.();
    const flushed = await this.flush(timeoutMs);
    const safe = flushed || this.persistMemorySync();
    this.stopped = true;
    clearTimeout(this.timer);
    this.client.close();
    return safe;
  }

  /** A snapshot of the counters. */
  stats(): DeliveryStats {
    const { delivered, spooled, dropped } = this.counters;
    return {
      queued: this.queue.length,
      queuedBytes: this.queue.bytes,
      delivered,
      spooled,
      dropped: { ...dropped },
      offline: this.health.offline,
    };
  }

  /** Adds the package to the queue, or counts why not. */
  private enqueue(pkg: ErrorPackage): boolean {
    const drop = (reason: DropReason, why: string): false => {
      this.counters.drop(reason, 1, why);
      return false;
    };
    if (this.closing) return drop('closed', 'the transport is closed');
    // Checked before serializing, so a flood costs little once the queue is full.
    if (!this.queue.hasRoom()) return drop('queueFull', 'the send queue is full');
    const item = serializePackage(pkg);
    if (!item) return drop('invalid', 'it could not be serialized');
    return this.queue.push(item) || drop('queueFull', 'the send queue is out of bytes');
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    const due = Date.now() + delayMs;
    if (this.timer && this.timerDueAt <= due) return;
    clearTimeout(this.timer);
    this.timerDueAt = due;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.timerDueAt = Number.POSITIVE_INFINITY;
      this.pump();
    }, delayMs);
    this.timer.unref();
  }

  /** Starts the next operation, if any and none is running. */
  private pump(): void {
    if (this.isSettled()) this.settledWaiters.release();
    if (this.active || this.stopped) return;
    let work: Promise<void> | undefined;
    if (this.queue.length > 0) {
      work = this.health.offline ? this.spoolQueued() : this.deliverQueued();
    } else if (this.spoolPending && !this.closing) {
      const wait = this.health.msUntilProbe();
      if (wait > 0) this.schedule(wait);
      else work = this.drainSpool();
    }
    if (!work) return;
    this.active = work
      .catch((error: unknown) => debug.error('delivering packages failed', error))
      .finally(() => {
        this.active = undefined;
        this.pump();
      });
  }

  private async deliverQueued(): Promise<void> {
    const s = this.settings;
    const batch = this.queue.take(s.maxBatchPackages, s.maxBatchBytes);
    this.inFlight = batch;
    try {
      for (let attempt = 0; ; attempt++) {
        const result = await this.client.post(batch);
        if (result.kind !== 'retry') return await this.settle(batch, result);
        const delay = Math.max(
          backoffDelay(attempt, s.retryBaseMs, s.retryMaxMs, s.random),
          result.retryAfterMs ?? 0,
        );
        const lastTry = attempt + 1 >= s.maxAttempts || delay > s.retryMaxMs || this.closing;
        debug.warn(
          `collector unavailable (${result.reason}); ${lastTry ? 'spooling the batch' : `retry in ${delay} ms`}`,
        );
        if (!lastTry) await this.wait(delay);
        // close() cuts a wait short: the batch then goes to disk rather than into another attempt.
        if (lastTry || this.closing) {
          this.health.failed(result.retryAfterMs);
          this.spoolPending = true;
          return await this.persist(batch);
        }
      }
    } finally {
      this.inFlight = [];
    }
  }

  private async spoolQueued(): Promise<void> {
    const batch = this.queue.take(Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY);
    this.inFlight = batch;
    try {
      await this.persist(batch);
    } finally {
      this.inFlight = [];
    }
  }

  /** Sends the oldest spooled packages not already in memory or acknowledged, once. */
  private async drainSpool(): Promise<void> {
    const batch = await collectSpoolBatch(this.spool, {
      maxCount: this.settings.maxBatchPackages,
      maxBytes: this.settings.maxBatchBytes,
      skip: new Set([...this.queue.peekAll(), ...this.inFlight].map((item) => item.id)),
      acknowledged: this.acknowledged,
      onCorrupt: (entry) => this.counters.drop('invalid', 1, `${entry.name} in the spool was unreadable`),
    });
    if (batch.length === 0) {
      // Nothing to probe with: the next queued batch tells whether the collector is back.
      this.spoolPending = false;
      this.health.reachable();
      return;
    }
    const result = await this.client.post(batch);
    if (result.kind === 'retry') {
      debug.warn(`collector still unavailable (${result.reason}); ${batch.length} package(s) stay spooled`);
      return this.health.failed(result.retryAfterMs);
    }
    if (result.kind === 'rejected' && (result.status === 401 || result.status === 403)) {
      // A wrong key is configuration: keep the spool for a deployment with the right one.
      debug.warn(`the collector refused the key (${result.reason}); spooled packages are kept on disk`);
      this.spoolPending = false;
      this.health.reachable();
      return;
    }
    await this.settle(batch, result);
    debug.log(`delivered ${batch.length} spooled package(s) from ${this.spool.dir}`);
  }

  /** Records the collector's verdict on a batch; spooled copies of its packages are removed. */
  private async settle(
    batch: readonly SerializedPackage[],
    result: Exclude<AttemptResult, { kind: 'retry' }>,
  ): Promise<void> {
    this.health.reachable();
    const isAcknowledged = (id: string): boolean =>
      result.kind === 'acknowledged' && (result.acknowledged?.has(id) ?? true);
    const acknowledged = batch.filter((item) => isAcknowledged(item.id)).length;
    for (const item of batch) if (isAcknowledged(item.id)) this.acknowledged.add(item.id);
    // Counted before the spool files go, so the counters never lag behind what is on disk.
    this.counters.delivered += acknowledged;
    const why =
      result.kind === 'rejected'
        ? `the collector refused them (${result.reason})`
        : 'the collector did not acknowledge them';
    this.counters.drop('rejected', batch.length - acknowledged, why);
    if (acknowledged > 0) debug.log(`delivered ${acknowledged} package(s)`);
    for (const item of batch) if (this.spool.has(item.id)) await this.spool.remove(item.id);
    // A delivery proves the collector is back: time to send what earlier failures left on disk.
    this.spoolPending = true;
  }

  private async persist(batch: readonly SerializedPackage[]): Promise<void> {
    for (const item of batch) this.counters.spoolWrite(item.id, await this.spool.write(item));
    this.spoolPending = true;
  }

  /** For `close()` after a timed-out flush: whatever is still in memory goes to disk now. */
  private persistMemorySync(): boolean {
    let safe = true;
    for (const item of [...this.inFlight, ...this.queue.peekAll()]) {
      const result = this.spool.writeSync(item);
      this.counters.spoolWrite(item.id, result);
      safe &&= result === 'written' || result === 'present';
    }
    return safe;
  }

  private async wait(ms: number): Promise<void> {
    const delay = cancellableDelay(ms);
    this.cancelWait = delay.cancel;
    await delay.done;
    this.cancelWait = undefined;
  }

  private isSettled(): boolean {
    return this.queue.length === 0 && this.inFlight.length === 0;
  }
}
