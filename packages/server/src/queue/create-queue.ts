import type { Storage } from '../storage/open-storage.js';
import { listUnfinishedReproductions } from '../storage/reproduction-store.js';
import { MemoryQueue } from './memory-queue.js';
import { PgBossQueue, type PgBossQueueOptions } from './pg-boss-queue.js';
import type { ReproductionQueue } from './reproduction-queue.js';

/**
 * The queue that fits the storage: in process next to SQLite, pg-boss next to PostgreSQL.
 * Reproductions left `queued` or `running` by an earlier process are queued again (by their row
 * id, so a job pg-boss still holds is not duplicated).
 */
export async function createReproductionQueue(
  storage: Storage,
  options: PgBossQueueOptions = {},
): Promise<ReproductionQueue> {
  const queue =
    storage.target.dialect === 'postgres'
      ? await PgBossQueue.start(storage.target.url, options)
      : new MemoryQueue();
  for (const job of await listUnfinishedReproductions(storage.db)) {
    await queue.enqueueReproduction(job.issueId, job.packageId, { jobId: job.reproductionId });
  }
  return queue;
}
