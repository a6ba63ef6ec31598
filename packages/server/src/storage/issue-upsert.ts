import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { TriageOutcome } from '../ingest/triage-contract.js';
import { chunk, ROWS_PER_STATEMENT } from './chunk.js';
import type { Database, IssueStatus } from './database-types.js';
import type { IngestBatchResult, IssueGroup, NewPackage, Retriage } from './ingest-records.js';

/** Groups new packages by issue, in a fixed order so two collectors never lock issues crosswise. */
export function groupByIssue(fresh: readonly NewPackage[]): IssueGroup[] {
  const groups = new Map<string, IssueGroup>();
  for (const each of fresh) {
    const key = `${each.projectId}\u0000${each.triage.fingerprint}`;
    let group = groups.get(key);
    if (!group) {
      group = { projectId: each.projectId, fingerprint: each.triage.fingerprint, members: [] };
      groups.set(key, group);
    }
    group.members.push(each);
  }
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, g]) => g);
}

/**
 * Creates or counts up every issue of the batch in one statement per chunk, then reconciles triage
 * with what the database said: a package triaged as new whose issue existed becomes tier 1, and an
 * issue created from a package triaged as known gets a proper triage. Sets `issueId` on every
 * member.
 */
export async function upsertIssues(
  trx: Transaction<Database>,
  groups: readonly IssueGroup[],
  now: string,
  retriage: Retriage,
  results: IngestBatchResult[],
): Promise<void> {
  for (const part of chunk(groups, ROWS_PER_STATEMENT)) {
    const rows = await upsertChunk(trx, part, now);
    const byKey = new Map(rows.map((r) => [`${r.project_id}\u0000${r.fingerprint}`, r]));
    for (const group of part) {
      const row = byKey.get(`${group.projectId}\u0000${group.fingerprint}`);
      const founder = group.members[0];
      if (!row || !founder) throw new Error(`the upsert returned no row for issue ${group.fingerprint}`);
      for (const member of group.members) member.issueId = row.id;
      // An existing issue has a count of at least one before our rows were added to it.
      const created = Number(row.count) === group.members.length;
      if (created) {
        results[founder.batch]?.createdFingerprints.push(group.fingerprint);
        if (founder.triage.tier === 1) {
          founder.triage = retriage(founder.item.pkg, false, group.fingerprint);
          await trx
            .updateTable('issues')
            .set({
              tier: founder.triage.tier,
              tier_reason: founder.triage.reason,
              cause: causeJson(founder.triage),
            })
            .where('id', '=', row.id)
            .execute();
        }
      } else if (founder.triage.tier !== 1) {
        founder.triage = retriage(founder.item.pkg, true, group.fingerprint);
      }
      // Requests triaged side by side may each have judged the same new fingerprint unknown.
      for (const member of group.members.slice(1)) {
        if (member.triage.tier !== 1) member.triage = retriage(member.item.pkg, true, group.fingerprint);
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
  const seen = group.members.map((m) => m.capturedAt).sort();
  const { pkg } = founder.item;
  return {
    id: randomUUID(),
    project_id: group.projectId,
    fingerprint: group.fingerprint,
    title: issueTitle(pkg.error.type, pkg.error.message),
    error_type: pkg.error.type,
    service_name: pkg.service.name,
    first_seen: seen[0] ?? founder.capturedAt,
    last_seen: seen[seen.length - 1] ?? founder.capturedAt,
    count: group.members.length,
    tier: founder.triage.tier,
    tier_reason: founder.triage.reason,
    cause: causeJson(founder.triage),
    status: 'open',
    created_at: now,
    updated_at: now,
  };
}

/** One line: `TypeError: Cannot read properties of undefined (reading 'id')`, capped for lists. */
function issueTitle(type: string, message: string): string {
  const firstLine = message.split('\n', 1)[0] ?? '';
  const title = firstLine ? `${type}: ${firstLine}` : type;
  return title.length > 200 ? `${title.slice(0, 199)}…` : title;
}

export function causeJson(triage: TriageOutcome): string | null {
  return triage.cause === undefined ? null : JSON.stringify(triage.cause);
}
