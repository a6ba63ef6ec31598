import type { FastifyBaseLogger } from 'fastify';
import { storageCall } from '../app/storage-unavailable.js';
import type { ReproductionQueue } from '../queue/reproduction-queue.js';
import type { IngestBatch, IngestBatchResult, PreparedPackage } from '../storage/ingest-records.js';
import { storeIngestBatches } from '../storage/ingest-store.js';
import type { Storage } from '../storage/open-storage.js';
import { GroupCommit } from './group-commit.js';
import type { RejectedPackage } from './parse-batch.js';

/** The ingest answer: 200 with this body whenever at least one package was valid. */
export interface IngestReply {
  accepted: string[];
  duplicates: string[];
  rejected: RejectedPackage[];
}

export interface IngestServiceDeps {
  storage: Storage;
  queue: ReproductionQueue;
  log: FastifyBaseLogger;
}

/**
 * Validated, triaged packages in, durable rows out: one shared transaction for concurrent
 * requests, answered once it is flushed to disk, tier-3 reproductions queued once it is committed.
 */
export class IngestService {
  private readonly commits: GroupCommit<IngestBatch, IngestBatchResult>;

  constructor(private readonly deps: IngestServiceDeps) {
    this.commits = new GroupCommit((batches) => storeIngestBatches(deps.storage.db, batches), {
      weight: (batch) => batch.packages.length,
      // Nothing is acknowledged before it is on disk.
      afterWrite: () => deps.storage.sync(),
    });
  }

  async ingest(
    projectId: string,
    packages: readonly PreparedPackage[],
    rejected: RejectedPackage[],
  ): Promise<IngestReply> {
    const result = await this.storageCall(() => this.commits.submit({ projectId, packages }));
    for (const job of result.reproductions) {
      // The row is committed as `queued`; if queuing fails now, the next start queues it again.
      this.deps.queue
        .enqueueReproduction(job.issueId, job.packageId, { jobId: job.reproductionId })
        .catch((error: unknown) =>
          this.deps.log.error({ err: error, job }, 'could not queue a reproduction'),
        );
    }
    return { accepted: result.accepted, duplicates: result.duplicates, rejected };
  }

  private async storageCall<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await storageCall('store the packages (none was kept)', call);
    } catch (error) {
      this.deps.log.error({ err: error }, 'storing packages failed');
      throw error;
    }
  }
}
