import { randomUUID } from 'node:crypto';
import type { ReproductionRecord } from '@flashback/protocol/collector-api';
import type { Kysely } from 'kysely';
import type { Database, ReproductionStatus } from './database-types.js';
import type { QueuedReproduction } from './ingest-records.js';
import { parseJsonColumn } from './json-column.js';

export type { ReproductionRecord };

/** How a reproduction ended. */
export interface ReproductionResult {
  status: Extract<ReproductionStatus, 'reproduced' | 'not_reproduced' | 'failed'>;
  verdict?: unknown;
  bundle?: unknown;
  error?: string;
}

export async function createReproduction(
  db: Kysely<Database>,
  issueId: string,
  packageId: string,
): Promise<QueuedReproduction> {
  const reproductionId = randomUUID();
  await db
    .insertInto('reproductions')
    .values({
      id: reproductionId,
      issue_id: issueId,
      package_id: packageId,
      status: 'queued',
      verdict: null,
      bundle: null,
      error: null,
      created_at: new Date().toISOString(),
      started_at: null,
      finished_at: null,
    })
    .execute();
  return { reproductionId, issueId, packageId };
}

export async function listReproductions(
  db: Kysely<Database>,
  issueId: string,
): Promise<ReproductionRecord[]> {
  const rows = await db
    .selectFrom('reproductions')
    .selectAll()
    .where('issue_id', '=', issueId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(toRecord);
}

export async function getReproduction(
  db: Kysely<Database>,
  id: string,
): Promise<ReproductionRecord | undefined> {
  const row = await db.selectFrom('reproductions').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toRecord(row);
}

/** The newest queued reproduction of a package of an issue, for jobs that carry only those ids. */
export async function findQueuedReproduction(
  db: Kysely<Database>,
  issueId: string,
  packageId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('reproductions')
    .select('id')
    .where('issue_id', '=', issueId)
    .where('package_id', '=', packageId)
    .where('status', 'in', ['queued', 'running'])
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  return row?.id;
}

/** Claims a queued reproduction; false when it already finished (a job delivered twice). */
export async function markReproductionRunning(db: Kysely<Database>, id: string): Promise<boolean> {
  const result = await db
    .updateTable('reproductions')
    .set({ status: 'running', started_at: new Date().toISOString() })
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'running'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function finishReproduction(
  db: Kysely<Database>,
  id: string,
  result: ReproductionResult,
): Promise<void> {
  await db
    .updateTable('reproductions')
    .set({
      status: result.status,
      verdict: result.verdict === undefined ? null : JSON.stringify(result.verdict),
      bundle: result.bundle === undefined ? null : JSON.stringify(result.bundle),
      error: result.error ?? null,
      finished_at: new Date().toISOString(),
    })
    .where('id', '=', id)
    .execute();
}

/** Reproductions queued or interrupted mid-run: what an in-process queue lost when the process died. */
export async function listUnfinishedReproductions(db: Kysely<Database>): Promise<QueuedReproduction[]> {
  const rows = await db
    .selectFrom('reproductions')
    .select(['id', 'issue_id', 'package_id'])
    .where('status', 'in', ['queued', 'running'])
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({ reproductionId: r.id, issueId: r.issue_id, packageId: r.package_id }));
}

function toRecord(row: Database['reproductions']): ReproductionRecord {
  return {
    id: row.id,
    issueId: row.issue_id,
    packageId: row.package_id,
    status: row.status,
    verdict: parseJsonColumn(row.verdict),
    bundle: parseJsonColumn(row.bundle),
    error: row.error,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}
