import { randomUUID } from 'node:crypto';
import PgBoss from 'pg-boss';
import type {
  EnqueueOptions,
  ReproductionJob,
  ReproductionJobHandler,
  ReproductionQueue,
} from './reproduction-queue.js';

export const REPRODUCTION_QUEUE_NAME = 'flashback-reproduction';

export interface PgBossQueueOptions {
  /** How often an idle worker looks for jobs queued by other collectors. Default 2 s (min 0.5). */
  pollingIntervalSeconds?: number;
  /** Attempts after the first when a handler throws. Default 2. */
  retryLimit?: number;
  /** A reproduction running longer is failed and retried. Default 15 minutes. */
  expireInSeconds?: number;
  onError?: (error: unknown) => void;
}

type JobData = Omit<ReproductionJob, 'jobId'>;

/**
 * Scale mode: jobs in PostgreSQL through pg-boss, so any collector can queue and any worker host
 * can run them, with retries and expiry handled by the database.
 */
export class PgBossQueue implements ReproductionQueue {
  readonly kind = 'pg-boss';
  private workerId: string | undefined;

  private constructor(
    private readonly boss: PgBoss,
    private readonly options: PgBossQueueOptions,
  ) {}

  static async start(connectionString: string, options: PgBossQueueOptions = {}): Promise<PgBossQueue> {
    const boss = new PgBoss({ connectionString, max: 4, schedule: false });
    // pg-boss emits 'error' for connection trouble in its loops; unhandled, that would end the process.
    boss.on('error', (error: unknown) => options.onError?.(error));
    await boss.start();
    await boss.createQueue(REPRODUCTION_QUEUE_NAME, {
      name: REPRODUCTION_QUEUE_NAME,
      retryLimit: options.retryLimit ?? 2,
      expireInSeconds: options.expireInSeconds ?? 15 * 60,
    });
    return new PgBossQueue(boss, options);
  }

  async enqueueReproduction(
    issueId: string,
    packageId: string,
    options: EnqueueOptions = {},
  ): Promise<string> {
    const jobId = options.jobId ?? randomUUID();
    const data: JobData = { issueId, packageId };
    // With an id that already exists pg-boss inserts nothing and returns null: queued once.
    await this.boss.send(REPRODUCTION_QUEUE_NAME, data, { id: jobId });
    // Wake our own worker now rather than at its next poll.
    if (this.workerId) this.boss.notifyWorker(this.workerId);
    return jobId;
  }

  async work(handler: ReproductionJobHandler): Promise<void> {
    if (this.workerId) throw new Error('this queue already has a worker');
    this.workerId = await this.boss.work<JobData>(
      REPRODUCTION_QUEUE_NAME,
      { batchSize: 1, pollingIntervalSeconds: this.options.pollingIntervalSeconds ?? 2 },
      async (jobs) => {
        for (const job of jobs) await handler({ jobId: job.id, ...job.data });
      },
    );
  }

  async stop(): Promise<void> {
    await this.boss.stop({ graceful: true, wait: true, timeout: 10_000 });
  }
}
