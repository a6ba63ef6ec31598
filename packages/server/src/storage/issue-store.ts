import type { IssueDetail, IssueSort, IssueSummary } from '@flashback/protocol/collector-api';
import { type Kysely, sql } from 'kysely';
import type { Database, IssueStatus, ReproductionStatus } from './database-types.js';
import { parseJsonColumn } from './json-column.js';

export type { IssueDetail, IssueSort, IssueSummary };

export interface IssueFilter {
  projectId: string;
  tier?: number;
  status?: IssueStatus;
  /** Case-insensitive substring of the title (type and message) or a fingerprint prefix. */
  text?: string;
  sort: IssueSort;
  limit: number;
  offset: number;
}

export async function listIssues(
  db: Kysely<Database>,
  filter: IssueFilter,
): Promise<{ issues: IssueSummary[]; total: number }> {
  let query = db.selectFrom('issues').where('issues.project_id', '=', filter.projectId);
  if (filter.tier !== undefined) query = query.where('issues.tier', '=', filter.tier);
  if (filter.status !== undefined) query = query.where('issues.status', '=', filter.status);
  if (filter.text) {
    const pattern = `%${escapeLike(filter.text.toLowerCase())}%`;
    const prefix = `${escapeLike(filter.text.toLowerCase())}%`;
    query = query.where((eb) =>
      eb.or([
        eb(sql`lower(issues.title)`, 'like', sql`${pattern} escape '\\'`),
        eb('issues.fingerprint', 'like', sql<string>`${prefix} escape '\\'`),
      ]),
    );
  }
  const totalRow = await query
    .select(sql<number>`cast(count(*) as integer)`.as('total'))
    .executeTakeFirstOrThrow();
  const rows = await query
    .selectAll('issues')
    .select((eb) =>
      eb
        .selectFrom('reproductions')
        .select('reproductions.status')
        .whereRef('reproductions.issue_id', '=', 'issues.id')
        .orderBy('reproductions.created_at', 'desc')
        .limit(1)
        .as('reproduction_status'),
    )
    .orderBy(`issues.${filter.sort}`, 'desc')
    .orderBy('issues.id')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  return { issues: rows.map(toSummary), total: Number(totalRow.total) };
}

export async function getIssue(
  db: Kysely<Database>,
  projectId: string,
  issueId: string,
): Promise<IssueDetail | undefined> {
  const row = await db
    .selectFrom('issues')
    .selectAll('issues')
    .select((eb) =>
      eb
        .selectFrom('reproductions')
        .select('reproductions.status')
        .whereRef('reproductions.issue_id', '=', 'issues.id')
        .orderBy('reproductions.created_at', 'desc')
        .limit(1)
        .as('reproduction_status'),
    )
    .where('issues.project_id', '=', projectId)
    .where('issues.id', '=', issueId)
    .executeTakeFirst();
  if (!row) return undefined;
  const versions = await db
    .selectFrom('issue_service_versions')
    .select(['version', 'first_seen'])
    .where('issue_id', '=', issueId)
    .orderBy('first_seen')
    .execute();
  return {
    ...toSummary(row),
    serviceVersions: versions.map((v) => ({ version: v.version, firstSeen: v.first_seen })),
  };
}

export async function setIssueTier(
  db: Kysely<Database>,
  issueId: string,
  tier: number,
  reason: string,
): Promise<void> {
  await db
    .updateTable('issues')
    .set({ tier, tier_reason: reason, updated_at: new Date().toISOString() })
    .where('id', '=', issueId)
    .execute();
}

type IssueRow = Database['issues'] & { reproduction_status: ReproductionStatus | null };

function toSummary(row: IssueRow): IssueSummary {
  return {
    id: row.id,
    fingerprint: row.fingerprint,
    title: row.title,
    errorType: row.error_type,
    serviceName: row.service_name,
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
    count: Number(row.count),
    tier: Number(row.tier),
    tierReason: row.tier_reason,
    cause: parseJsonColumn(row.cause),
    status: row.status,
    reproductionStatus: row.reproduction_status ?? null,
  };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The project an issue belongs to, for work that starts from an issue id alone (queued jobs). */
export async function findIssueProjectId(db: Kysely<Database>, issueId: string): Promise<string | undefined> {
  const row = await db.selectFrom('issues').select('project_id').where('id', '=', issueId).executeTakeFirst();
  return row?.project_id;
}
