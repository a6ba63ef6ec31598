/** One reproduction to run: reproduce `packageId` of `issueId`. */
export interface ReproductionJob {
  /** Job id; the id of the reproduction row when ingest queued it, so re-queuing is idempotent. */
  jobId: string;
  issueId: string;
  packageId: string;
}

export type ReproductionJobHandler = (job: ReproductionJob) => Promise<void>;

export interface EnqueueOptions {
  /** Reuse an id (the reproduction row's) so the same job queued twice runs once. */
  jobId?: string;
}

/**
 * Where tier-3 packages wait for a reproduction worker: in process on the embedded default, in
 * PostgreSQL (pg-boss) when several collectors and workers share a database.
 */
export interface ReproductionQueue {
  readonly kind: 'memory' | 'pg-boss';
  /** Queues a reproduction and returns the job id. */
  enqueueReproduction(issueId: string, packageId: string, options?: EnqueueOptions): Promise<string>;
  /** Starts handing jobs to `handler`, one at a time. A handler that throws fails that job only. */
  work(handler: ReproductionJobHandler): Promise<void>;
  /** Stops taking jobs and waits for the one running, if any. */
  stop(): Promise<void>;
}
