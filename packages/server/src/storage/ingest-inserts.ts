import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { chunk, ROWS_PER_STATEMENT } from './chunk.js';
import type { Database } from './database-types.js';
import type { IngestBatchResult, IssueGroup, NewPackage } from './ingest-records.js';
import { causeJson } from './issue-upsert.js';

/** The package rows; fails the transaction if another collector stored one of them meanwhile. */
export async function insertPackages(trx: Transaction<Database>, fresh: readonly NewPackage[], now: string) {
  for (const rows of chunk(fresh, ROWS_PER_STATEMENT)) {
    const inserted = await trx
      .insertInto('packages')
      .values(
        rows.map(({ item: { meta, body, triage }, projectId, issueId }) => ({
          id: meta.id,
          project_id: projectId,
          issue_id: issueId ?? '',
          fingerprint: triage.ifKnown.fingerprint,
          service_name: meta.serviceName,
          service_version: meta.serviceVersion,
          error_type: meta.errorType,
          captured_at: meta.capturedAt,
          received_at: now,
          body,
        })),
      )
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .execute();
    // Stored by another collector after our duplicate check: start over so it is not counted twice.
    if (inserted.length !== rows.length) throw new ConcurrentInsertError();
  }
}

export async function insertTriageResults(
  trx: Transaction<Database>,
  fresh: readonly NewPackage[],
  now: string,
) {
  for (const rows of chunk(fresh, ROWS_PER_STATEMENT)) {
    await trx
      .insertInto('triage_results')
      .values(
        rows.map(({ item, triage = item.triage.ifKnown, issueId }) => ({
          package_id: item.meta.id,
          issue_id: issueId ?? '',
          tier: triage.tier,
          reason: triage.reason,
          cause: causeJson(triage),
          fingerprint: triage.fingerprint,
          created_at: now,
        })),
      )
      .execute();
  }
}

/** The service versions each issue was seen in, once per version. */
export async function insertServiceVersions(trx: Transaction<Database>, fresh: readonly NewPackage[]) {
  const versions = new Map<string, Database['issue_service_versions']>();
  for (const { item, issueId } of fresh) {
    const { serviceVersion: version, capturedAt } = item.meta;
    if (version === null || issueId === undefined) continue;
    const key = `${issueId}\u0000${version}`;
    const known = versions.get(key);
    if (!known || capturedAt < known.first_seen)
      versions.set(key, { issue_id: issueId, version, first_seen: capturedAt });
  }
  for (const rows of chunk([...versions.values()], ROWS_PER_STATEMENT)) {
    await trx
      .insertInto('issue_service_versions')
      .values(rows)
      .onConflict((oc) => oc.columns(['issue_id', 'version']).doNothing())
      .execute();
  }
}

/** A queued reproduction for each issue this batch created at tier 3; reported for queuing after commit. */
export async function insertReproductions(
  trx: Transaction<Database>,
  groups: readonly IssueGroup[],
  now: string,
  results: IngestBatchResult[],
) {
  const rows: Database['reproductions'][] = [];
  for (const group of groups) {
    const founder = group.members[0];
    if (!founder?.issueId || founder.triage?.tier !== 3) continue;
    if (!results[founder.batch]?.createdFingerprints.includes(group.fingerprint)) continue;
    const reproduction = {
      reproductionId: randomUUID(),
      issueId: founder.issueId,
      packageId: founder.item.meta.id,
    };
    results[founder.batch]?.reproductions.push(reproduction);
    rows.push({
      id: reproduction.reproductionId,
      issue_id: reproduction.issueId,
      package_id: reproduction.packageId,
      status: 'queued',
      verdict: null,
      bundle: null,
      error: null,
      created_at: now,
      started_at: null,
      finished_at: null,
    });
  }
  for (const part of chunk(rows, ROWS_PER_STATEMENT))
    await trx.insertInto('reproductions').values(part).execute();
}

/** A package id appeared between our duplicate check and our insert; the transaction is retried. */
export class ConcurrentInsertError extends Error {
  override readonly name = 'ConcurrentInsertError';
  constructor() {
    super('a package in this batch was stored concurrently by another collector');
  }
}
