import { randomUUID } from 'node:crypto';
import type { Verification, VerificationOutcome } from '@flashback/protocol/collector-api';
import type { Kysely } from 'kysely';
import type { Database } from './database-types.js';
import { parseJsonColumn } from './json-column.js';

export type { Verification, VerificationOutcome };

/**
 * What re-running an issue's reproduction against newer code concluded:
 * - `fixed`: the failure no longer happens and the request is not answered with a 5xx;
 * - `still-failing`: the original failure happens again;
 * - `different-error`: it fails another way (another error, or a 5xx without the original one).
 */
export const VERIFICATION_OUTCOMES: readonly VerificationOutcome[] = [
  'fixed',
  'still-failing',
  'different-error',
];

/** Migration 003. Kept beside its store: nothing else reads the table. */
export interface VerificationsTable {
  id: string;
  issue_id: string;
  /** The package whose reproduction was re-run. */
  package_id: string | null;
  outcome: VerificationOutcome;
  /** One line saying why. */
  summary: string;
  /** The app's code that was verified, e.g. a git commit. */
  app_revision: string | null;
  /** JSON of the reproduction verdict. */
  verdict: string | null;
  created_at: string;
}

export interface NewVerification {
  issueId: string;
  packageId?: string;
  outcome: VerificationOutcome;
  summary: string;
  appRevision?: string;
  verdict?: unknown;
}

function verificationsDb(db: Kysely<Database>): Kysely<Database & { verifications: VerificationsTable }> {
  return db.withTables<{ verifications: VerificationsTable }>();
}

export async function addVerification(db: Kysely<Database>, input: NewVerification): Promise<Verification> {
  const row: VerificationsTable = {
    id: randomUUID(),
    issue_id: input.issueId,
    package_id: input.packageId ?? null,
    outcome: input.outcome,
    summary: input.summary,
    app_revision: input.appRevision ?? null,
    verdict: input.verdict === undefined ? null : JSON.stringify(input.verdict),
    created_at: new Date().toISOString(),
  };
  await verificationsDb(db).insertInto('verifications').values(row).execute();
  return toVerification(row);
}

/** An issue's verifications, newest first. */
export async function listVerifications(db: Kysely<Database>, issueId: string): Promise<Verification[]> {
  const rows = await newestFirst(db, issueId).execute();
  return rows.map(toVerification);
}

/** The issue's newest verification: what deciding whether it may be resolved goes by. */
export async function latestVerification(
  db: Kysely<Database>,
  issueId: string,
): Promise<Verification | undefined> {
  const row = await newestFirst(db, issueId).limit(1).executeTakeFirst();
  return row && toVerification(row);
}

function newestFirst(db: Kysely<Database>, issueId: string) {
  return verificationsDb(db)
    .selectFrom('verifications')
    .selectAll()
    .where('issue_id', '=', issueId)
    .orderBy('created_at', 'desc')
    .orderBy('id');
}

function toVerification(row: VerificationsTable): Verification {
  return {
    id: row.id,
    issueId: row.issue_id,
    packageId: row.package_id,
    outcome: row.outcome,
    summary: row.summary,
    appRevision: row.app_revision,
    verdict: parseJsonColumn(row.verdict),
    createdAt: row.created_at,
  };
}
