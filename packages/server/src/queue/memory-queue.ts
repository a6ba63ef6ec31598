import { randomUUID } from 'node:crypto';
import type {
  EnqueueOptions,
  ReproductionJob,
  ReproductionJobHandler,
  ReproductionQueue,
} from './reproduction-queue.js';

/**
 * The embedded default: jobs live in this process. What a crash loses is rebuilt at start from the
 * reproductions table (rows still `queued` or `running`), so the table is the durable record and
 * this is only its schedule.
 */
export class MemoryQueue implements ReproductionQueue {
  readonly kind = 'memory';
  private readonly pending: ReproductionJob[] = [];
  /** Ids pending or running, so a job queued twice runs once. */
  private readonly known = new Set<string>();
  private handler: ReproductionJobHandler | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private idleWaiters: (() => void)[] = [];

  async enqueueReproduction(
    issueId: string,
    packageId: string,
    options: EnqueueOptions = {},
  ): Promise<string> {
    const jobId = options.jobId ?? randomUUID();
    if (this.stopped || this.known.has(jobId)) return jobId;
    this.known.add(jobId);
    this.pending.push({ jobId, issueId, packageId });
    this.drain();
    return jobId;
  }

  async work(handler: ReproductionJobHandler): Promise<void> {
    if (this.handler) throw new Error('this queue already has a worker');
    this.handler = handler;
    this.drain();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.pending.length = 0;
    await this.running;
  }

  /** Jobs waiting, not counting the one running. */
  get size(): number {
    return this.pending.length;
  }

  /** Resolves once nothing is pending or running (immediately without a worker if nothing is queued). */
  idle(): Promise<void> {
    if (this.known.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private drain(): void {
    const handler = this.handler;
    if (!handler || this.running || this.stopped) return;
    this.running = (async () => {
      // A macrotask first, so the enqueuing request finishes before a job takes the thread.
      await new Promise((resolve) => setImmediate(resolve));
      for (let job = this.pending.shift(); job && !this.stopped; job = this.pending.shift()) {
        try {
          await handler(job);
        } catch {
          // The handler records its own failures; one bad job must not stop the ones behind it.
        } finally {
          this.known.delete(job.jobId);
        }
      }
    })().finally(() => {
      this.running = undefined;
      if (this.pending.length > 0 && !this.stopped) this.drain();
      else if (this.known.size === 0) this.releaseIdle();
    });
  }

  private releaseIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
