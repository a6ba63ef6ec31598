import type { FastifyBaseLogger } from 'fastify';
import { storageCall } from '../app/storage-unavailable.js';
import type { ReproductionQueue } from '../queue/reproduction-queue.js';
import type { IngestBatch, IngestBatchResult, Retriage } from '../storage/ingest-records.js';
import { storeIngestBatches } from '../storage/ingest-store.js';
import type { Storage } from '../storage/open-storage.js';
import { GroupCommit } from './group-commit.js';
import { KnownFingerprints } from './known-fingerprints.js';
import type { RejectedPackage, ValidPackage } from './parse-batch.js';
import type { TriagePackage } from './triage-contract.js';

/** The ingest answer: 200 with this body whenever at least one package was valid. */
export interface IngestReply {
  accepted: string[];
  duplicates: string[];
  rejected: RejectedPackage[];
}

export interface IngestServiceDeps {
  storage: Storage;
  triage: TriagePackage;
  queue: ReproductionQueue;
  log: FastifyBaseLogger;
}

/**
 * Validated packages in, durable rows out: tier 1 and 2 triage inline, one shared transaction for
 * concurrent requests, tier-3 reproductions queued once the rows are committed.
 */
export class IngestService {
  private readonly known: KnownFingerprints;
  private readonly commits: GroupCommit<IngestBatch, IngestBatchResult>;
  private readonly retriage: Retriage;

  constructor(private readonly deps: IngestServiceDeps) {
    this.known = new KnownFingerprints(deps.storage.db);
    this.retriage = (pkg, known, fingerprint) =>
      deps.triage(pkg, { knownFingerprints: known ? new Set([fingerprint]) : new Set() });
    this.commits = new GroupCommit((batches) => storeIngestBatches(deps.storage.db, batches, this.retriage), {
      weight: (batch) => batch.packages.length,
      // Nothing is acknowledged before it is on disk.
      afterWrite: () => deps.storage.sync(),
    });
  }

  async ingest(
    projectId: string,
    valid: readonly ValidPackage[],
    rejected: RejectedPackage[],
  ): Promise<IngestReply> {
    const known = await this.storageCall(() => this.known.forProject(projectId));
    // From here to submit() nothing awaits: requests reach the commit queue in the order they were
    // triaged, so the first package of a new fingerprint is the one that founds its issue.
    const packages = valid.map(({ pkg, body }) => {
      const triage = this.deps.triage(pkg, { knownFingerprints: known });
      known.add(triage.fingerprint);
      return { pkg, body, triage };
    });
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
