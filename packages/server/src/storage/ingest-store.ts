import type { Kysely, Transaction } from 'kysely';
import { chunk, ROWS_PER_STATEMENT } from './chunk.js';
import type { Database } from './database-types.js';
import {
  insertPackages,
  insertReproductions,
  insertServiceVersions,
  insertTriageResults,
} from './ingest-inserts.js';
import type { IngestBatch, IngestBatchResult, NewPackage } from './ingest-records.js';
import { groupByIssue, upsertIssues } from './issue-upsert.js';
import { withTransactionRetry } from './transaction-retry.js';

/**
 * Stores the packages of several ingest requests in one transaction, so one commit (one flush on
 * SQLite) serves them all. Idempotent on package id: a package already stored, or repeated within
 * the batches, is reported as a duplicate and counted once. Nothing is acknowledged before the
 * transaction commits.
 *
 * Each package comes triaged both ways; the issue upsert tells which holds: the first package of
 * an issue this transaction creates is its founder (tier 2 or 3), every other one is tier 1.
 *
 * The statements are few and set-based (one upsert for all issues, one insert per table), so a
 * transaction costs the same handful of round trips to the database however many packages it holds.
 */
export async function storeIngestBatches(
  db: Kysely<Database>,
  batches: readonly IngestBatch[],
): Promise<IngestBatchResult[]> {
  return withTransactionRetry(() => db.transaction().execute((trx) => writeBatches(trx, batches)));
}

async function writeBatches(
  trx: Transaction<Database>,
  batches: readonly IngestBatch[],
): Promise<IngestBatchResult[]> {
  const now = new Date().toISOString();
  const results: IngestBatchResult[] = batches.map(() => ({
    accepted: [],
    duplicates: [],
    createdFingerprints: [],
    reproductions: [],
  }));

  const candidates = new Map<string, NewPackage>();
  batches.forEach((batch, index) => {
    for (const item of batch.packages) {
      const { id } = item.meta;
      if (candidates.has(id)) results[index]?.duplicates.push(id);
      else candidates.set(id, { batch: index, projectId: batch.projectId, item });
    }
  });

  for (const ids of chunk([...candidates.keys()], ROWS_PER_STATEMENT)) {
    const stored = await trx.selectFrom('packages').select('id').where('id', 'in', ids).execute();
    for (const { id } of stored) {
      const known = candidates.get(id);
      if (!known) continue;
      results[known.batch]?.duplicates.push(id);
      candidates.delete(id);
    }
  }
  const fresh = [...candidates.values()];
  if (fresh.length === 0) return results;

  const groups = groupByIssue(fresh);
  await upsertIssues(trx, groups, now, results);
  await insertPackages(trx, fresh, now);
  await insertTriageResults(trx, fresh, now);
  await insertServiceVersions(trx, fresh);
  await insertReproductions(trx, groups, now, results);
  for (const each of fresh) results[each.batch]?.accepted.push(each.item.meta.id);
  return results;
}
