import { type ErrorPackage, validatePackage } from '@flashback/protocol';
import { findIssueProjectId, setIssueTier } from '../storage/issue-store.js';
import type { Storage } from '../storage/open-storage.js';
import { getPackageBody } from '../storage/package-store.js';
import {
  createReproduction,
  findQueuedReproduction,
  finishReproduction,
  getReproduction,
  markReproductionRunning,
  type ReproductionResult,
} from '../storage/reproduction-store.js';
import { type EscalationReason, escalate } from '../triage/index.js';
import type { ReproductionJob, ReproductionJobHandler } from './reproduction-queue.js';

export interface ReproductionRequest {
  reproductionId: string;
  projectId: string;
  issueId: string;
  packageId: string;
  package: ErrorPackage;
}

/**
 * What a worker concluded. When it did not reproduce, `escalation` says why the issue goes to a
 * developer (default: `reproduction-failed` for `not_reproduced`, `reproduction-errored` for
 * `failed`) and `reason` adds the detail.
 */
export type ReproductionOutcome = ReproductionResult & { reason?: string; escalation?: EscalationReason };

/**
 * Runs one reproduction: sandbox, fixtures, stubs, trigger, verdict. The engine lives in
 * `@flashback/replay`; the server only needs this much of it.
 */
export interface ReproductionWorker {
  reproduce(request: ReproductionRequest): Promise<ReproductionOutcome>;
}

export interface ReproductionHandlerHooks {
  /** Called after the outcome is stored, e.g. to notify webhooks of an escalation. */
  onFinished?: (request: Omit<ReproductionRequest, 'package'>, outcome: ReproductionOutcome) => Promise<void>;
}

/**
 * Turns queued jobs into stored verdicts: claims the reproduction row, runs the worker, records the
 * outcome, and moves the issue to tier 4 when the failure could not be reproduced.
 */
export function createReproductionJobHandler(
  storage: Storage,
  worker: ReproductionWorker,
  hooks: ReproductionHandlerHooks = {},
): ReproductionJobHandler {
  const { db } = storage;
  return async (job: ReproductionJob) => {
    const reproductionId = await resolveReproductionId(storage, job);
    if (!(await markReproductionRunning(db, reproductionId))) return;
    const projectId = (await findIssueProjectId(db, job.issueId)) ?? '';
    const request = { reproductionId, projectId, issueId: job.issueId, packageId: job.packageId };
    const validated = validatePackage(await getPackageBody(db, job.packageId));
    let outcome: ReproductionOutcome;
    if (projectId === '') {
      outcome = { status: 'failed', error: `issue ${job.issueId} no longer exists` };
    } else if (!validated.ok) {
      outcome = { status: 'failed', error: `package ${job.packageId} is missing or unreadable` };
    } else {
      try {
        outcome = await worker.reproduce({ ...request, package: validated.package });
      } catch (error) {
        outcome = { status: 'failed', error: (error as Error)?.message ?? String(error) };
      }
    }
    await finishReproduction(db, reproductionId, outcome);
    if (outcome.status === 'reproduced') {
      await setIssueTier(
        db,
        job.issueId,
        3,
        outcome.reason ?? 'Reproduced in a sandbox: the same failure happened again',
      );
    } else {
      const escalation =
        outcome.escalation ??
        (outcome.status === 'not_reproduced' ? 'reproduction-failed' : 'reproduction-errored');
      const escalated = escalate({ fingerprint: '' }, escalation, outcome.reason ?? outcome.error);
      await setIssueTier(db, job.issueId, 4, escalated.reason);
    }
    await hooks.onFinished?.(request, outcome);
  };
}

async function resolveReproductionId(storage: Storage, job: ReproductionJob): Promise<string> {
  if (await getReproduction(storage.db, job.jobId)) return job.jobId;
  const queued = await findQueuedReproduction(storage.db, job.issueId, job.packageId);
  if (queued) return queued;
  // Queued by hand (CLI, MCP) without a row: record it now so the verdict has a home.
  return (await createReproduction(storage.db, job.issueId, job.packageId)).reproductionId;
}
