import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { TriageOutcome } from '../ingest/triage-contract.js';
import { chunk, ROWS_PER_STATEMENT } from './chunk.js';
import type { Database, IssueStatus } from './database-types.js';
import type { IngestBatchResult, IssueGroup, NewPackage } from './ingest-records.js';

/** Groups new packages by issue, in a fixed order so two collectors never lock issues crosswise. */
export function groupByIssue(fresh: readonly NewPackage[]): IssueGroup[] {
  const groups = new Map<string, IssueGroup>();
  for (const each of fresh) {
    const fingerprint = each.item.triage.ifKnown.fingerprint;
    const key = `${each.projectId}\u0000${fingerprint}`;
    let group = groups.get(key);
    if (!group) {
      group = { projectId: each.projectId, fingerprint, members: [] };
      groups.set(key, group);
    }
    group.members.push(each);
  }
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, g]) => g);
}

/**
 * Creates or counts up every issue of the batch in one statement per chunk. A new issue takes its
 * tier, reason and cause from its founder; the upsert says whether the issue was new, and with it
 * which triage each package gets. Sets `issueId` and `triage` on every member.
 */
export async function upsertIssues(
  trx: Transaction<Database>,
  groups: readonly IssueGroup[],
  now: string,
  results: IngestBatchResult[],
): Promise<void> {
  for (const part of chunk(groups, ROWS_PER_STATEMENT)) {
    const rows = await upsertChunk(trx, part, now);
    const byKey = new Map(rows.map((r) => [`${r.project_id}\u0000${r.fingerprint}`, r]));
    for (const group of part) {
      const row = byKey.get(`${group.projectId}\u0000${group.fingerprint}`);
      const founder = group.members[0];
      if (!row || !founder) throw new Error(`the upsert returned no row for issue ${group.fingerprint}`);
      // An existing issue has a count of at least one before our rows were added to it.
      const created = Number(row.count) === group.members.length;
      if (created) results[founder.batch]?.createdFingerprints.push(group.fingerprint);
      for (const member of group.members) {
        member.issueId = row.id;
        member.triage = created && member === founder ? member.item.triage.ifNew : member.item.triage.ifKnown;
      }
    }
  }
}

function upsertChunk(trx: Transaction<Database>, groups: readonly IssueGroup[], now: string) {
  return trx
    .insertInto('issues')
    .values(groups.map((group) => issueRow(group, now)))
    .onConflict((oc) =>
      oc.columns(['project_id', 'fingerprint']).doUpdateSet((eb) => ({
        count: eb('issues.count', '+', eb.ref('excluded.count')),
        first_seen: eb
          .case()
          .when('excluded.first_seen', '<', eb.ref('issues.first_seen'))
          .then(eb.ref('excluded.first_seen'))
          .else(eb.ref('issues.first_seen'))
          .end(),
        last_seen: eb
          .case()
          .when('excluded.last_seen', '>', eb.ref('issues.last_seen'))
          .then(eb.ref('excluded.last_seen'))
          .else(eb.ref('issues.last_seen'))
          .end(),
        // A resolved issue that happens again is a regression: it opens again.
        status: eb
          .case()
          .when('issues.status', '=', 'resolved')
          .then('open')
          .else(eb.ref('issues.status'))
          .end()
          .$castTo<IssueStatus>(),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .returning(['id', 'project_id', 'fingerprint', 'count'])
    .execute();
}

function issueRow(group: IssueGroup, now: string): Database['issues'] {
  const founder = group.members[0];
  if (!founder) throw new Error('an issue group without packages');
  const seen = group.members.map((m) => m.item.meta.capturedAt).sort();
  const { meta, triage } = founder.item;
  return {
    id: randomUUID(),
    project_id: group.projectId,
    fingerprint: group.fingerprint,
    title: meta.title,
    error_type: meta.errorType,
    service_name: meta.serviceName,
    first_seen: seen[0] ?? meta.capturedAt,
    last_seen: seen[seen.length - 1] ?? meta.capturedAt,
    count: group.members.length,
    tier: triage.ifNew.tier,
    tier_reason: triage.ifNew.reason,
    cause: causeJson(triage.ifNew),
    status: 'open',
    created_at: now,
    updated_at: now,
  };
}

export function causeJson(triage: TriageOutcome): string | null {
  return triage.cause === undefined ? null : JSON.stringify(triage.cause);
}
