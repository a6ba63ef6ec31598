import type { PackageSummary } from '@flashback/protocol/collector-api';
import type { Kysely } from 'kysely';
import type { Database } from './database-types.js';
import { parseJsonColumn } from './json-column.js';

export interface TriageRecord {
  tier: number;
  reason: string;
  cause: unknown;
  fingerprint: string;
  createdAt: string;
}

export type { PackageSummary };

export interface StoredPackage extends PackageSummary {
  package: unknown;
  triage: TriageRecord | null;
}

/** The newest packages of an issue first. */
export async function listIssuePackages(
  db: Kysely<Database>,
  issueId: string,
  limit: number,
): Promise<PackageSummary[]> {
  const rows = await db
    .selectFrom('packages')
    .leftJoin('triage_results', 'triage_results.package_id', 'packages.id')
    .select([
      'packages.id',
      'packages.issue_id',
      'packages.service_name',
      'packages.service_version',
      'packages.error_type',
      'packages.captured_at',
      'packages.received_at',
      'triage_results.tier',
    ])
    .where('packages.issue_id', '=', issueId)
    .orderBy('packages.captured_at', 'desc')
    .orderBy('packages.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    issueId: r.issue_id,
    serviceName: r.service_name,
    serviceVersion: r.service_version,
    errorType: r.error_type,
    capturedAt: r.captured_at,
    receivedAt: r.received_at,
    tier: r.tier === null ? null : Number(r.tier),
  }));
}

export async function getPackage(
  db: Kysely<Database>,
  projectId: string,
  packageId: string,
): Promise<StoredPackage | undefined> {
  const row = await db
    .selectFrom('packages')
    .leftJoin('triage_results', 'triage_results.package_id', 'packages.id')
    .select([
      'packages.id',
      'packages.issue_id',
      'packages.service_name',
      'packages.service_version',
      'packages.error_type',
      'packages.captured_at',
      'packages.received_at',
      'packages.body',
      'triage_results.tier',
      'triage_results.reason',
      'triage_results.cause',
      'triage_results.fingerprint',
      'triage_results.created_at',
    ])
    .where('packages.project_id', '=', projectId)
    .where('packages.id', '=', packageId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    issueId: row.issue_id,
    serviceName: row.service_name,
    serviceVersion: row.service_version,
    errorType: row.error_type,
    capturedAt: row.captured_at,
    receivedAt: row.received_at,
    tier: row.tier === null ? null : Number(row.tier),
    package: JSON.parse(row.body) as unknown,
    triage:
      row.tier === null
        ? null
        : {
            tier: Number(row.tier),
            reason: row.reason ?? '',
            cause: parseJsonColumn(row.cause),
            fingerprint: row.fingerprint ?? '',
            createdAt: row.created_at ?? '',
          },
  };
}

/** The stored package JSON by id alone, for workers that only know the id. */
export async function getPackageBody(db: Kysely<Database>, packageId: string): Promise<unknown> {
  const row = await db.selectFrom('packages').select('body').where('id', '=', packageId).executeTakeFirst();
  return row ? (JSON.parse(row.body) as unknown) : undefined;
}

/** Counts of stored packages, for health checks and tests. */
export async function countPackages(db: Kysely<Database>, projectId?: string): Promise<number> {
  let query = db.selectFrom('packages').select((eb) => eb.fn.countAll<number>().as('n'));
  if (projectId !== undefined) query = query.where('project_id', '=', projectId);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.n);
}
