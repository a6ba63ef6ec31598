import { ServerError } from '../app/server-errors.js';
import type { ReproductionQueue } from '../queue/reproduction-queue.js';
import type { Storage } from '../storage/open-storage.js';
import { getPackage, listIssuePackages } from '../storage/package-store.js';
import {
  createReproduction,
  getReproduction,
  listReproductions,
  type ReproductionRecord,
} from '../storage/reproduction-store.js';

export interface RequestedReproduction {
  reproduction: ReproductionRecord;
  /** False when a reproduction of the same package was already queued or running: that one is returned. */
  queued: boolean;
}

/**
 * Queues a reproduction of one package of an issue (its newest by default) on the collector's
 * queue. Asking again while one of the same package is waiting or running returns that one, so a
 * client that retries does not queue the same work twice.
 */
export async function requestReproduction(
  storage: Storage,
  queue: ReproductionQueue,
  target: { projectId: string; issueId: string; packageId?: string | undefined },
): Promise<RequestedReproduction> {
  const { db } = storage;
  const packageId = target.packageId ?? (await listIssuePackages(db, target.issueId, 1))[0]?.id;
  if (packageId === undefined) {
    throw new ServerError('FB_ERR_NOT_FOUND', `issue ${target.issueId} has no stored package to reproduce`);
  }
  if (target.packageId !== undefined) {
    const stored = await getPackage(db, target.projectId, packageId);
    if (stored?.issueId !== target.issueId) {
      throw new ServerError('FB_ERR_NOT_FOUND', `issue ${target.issueId} has no package ${packageId}`);
    }
  }
  const pending = (await listReproductions(db, target.issueId)).find(
    (r) => r.packageId === packageId && (r.status === 'queued' || r.status === 'running'),
  );
  if (pending) return { reproduction: pending, queued: false };

  const created = await createReproduction(db, target.issueId, packageId);
  await queue.enqueueReproduction(target.issueId, packageId, { jobId: created.reproductionId });
  const reproduction = await getReproduction(db, created.reproductionId);
  if (!reproduction) throw new ServerError('FB_ERR_INTERNAL', 'the queued reproduction was not stored');
  return { reproduction, queued: true };
}
