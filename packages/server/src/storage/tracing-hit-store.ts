import type { StoredTracingHit } from '@flashback/protocol/collector-api';
import type { TracingHit, TracingHitBatch } from '@flashback/protocol/tracing';
import type { Kysely } from 'kysely';
import type { Database } from './database-types.js';
import { bumpVersion, type ServiceKey } from './tracing-action-store.js';
import { type TracingActionsTable, type TracingHitsTable, tracingDb } from './tracing-tables.js';

export type { StoredTracingHit };

export interface RecordedHits {
  stored: number;
  /** Hits of unknown or removed actions, and hits past an action's limit. */
  dropped: number;
  /** Actions that got hits or a new status: whoever follows them should look again. */
  actionIds: string[];
  /** Set when an action reached its hit limit, which took it out of its service's set. */
  changedService?: ServiceKey;
}

type ActionState = Pick<
  TracingActionsTable,
  | 'id'
  | 'removed_at'
  | 'ended_at'
  | 'max_hits'
  | 'hit_count'
  | 'state'
  | 'reason'
  | 'state_instance'
  | 'updated_at'
>;

/**
 * Stores a batch from one process of a service. Status reports update their action's state; hits
 * beyond an action's limit, and hits of actions that are unknown, removed or of another service,
 * are dropped and counted. The service's sequence row is locked first, so concurrent batches of
 * one service are stored one after the other and hits commit in sequence order.
 */
export async function recordTracingHits(
  db: Kysely<Database>,
  projectId: string,
  batch: TracingHitBatch,
  now = new Date(),
): Promise<RecordedHits> {
  const at = now.toISOString();
  const key: ServiceKey = { projectId, service: batch.service };
  return tracingDb(db)
    .transaction()
    .execute(async (trx) => {
      const sequence = await trx
        .updateTable('tracing_services')
        .set((eb) => ({ hit_seq: eb.ref('hit_seq') }))
        .where('project_id', '=', projectId)
        .where('service', '=', batch.service)
        .returning('hit_seq')
        .executeTakeFirst();
      // No action was ever placed for this service: nothing here can belong to one.
      if (!sequence) return { stored: 0, dropped: batch.hits.length, actionIds: [] };

      const ids = [...new Set(batch.hits.map((hit) => hit.actionId))];
      const actions = new Map<string, ActionState>();
      for (const row of await trx
        .selectFrom('tracing_actions')
        .select([
          'id',
          'removed_at',
          'ended_at',
          'max_hits',
          'hit_count',
          'state',
          'reason',
          'state_instance',
          'updated_at',
        ])
        .where('project_id', '=', projectId)
        .where('service', '=', batch.service)
        .where('id', 'in', ids)
        .execute()) {
        actions.set(row.id, { ...row });
      }

      const rows: TracingHitsTable[] = [];
      const touched = new Set<string>();
      for (const hit of batch.hits) {
        const action = actions.get(hit.actionId);
        if (!action || action.removed_at !== null) continue;
        if (hit.kind === 'status') applyStatus(action, hit, batch.instance, at);
        else if (action.hit_count < action.max_hits) action.hit_count += 1;
        else continue;
        touched.add(action.id);
        rows.push({
          action_id: hit.actionId,
          seq: sequence.hit_seq + rows.length + 1,
          instance: batch.instance,
          kind: hit.kind,
          at: hit.at,
          body: JSON.stringify(hit),
        });
      }
      if (rows.length === 0) return { stored: 0, dropped: batch.hits.length, actionIds: [] };

      await trx.insertInto('tracing_hits').values(rows).execute();
      await trx
        .updateTable('tracing_services')
        .set({ hit_seq: sequence.hit_seq + rows.length })
        .where('project_id', '=', projectId)
        .where('service', '=', batch.service)
        .execute();
      let limitReached = false;
      for (const id of touched) {
        const action = actions.get(id);
        if (!action) continue;
        if (action.ended_at === null && action.hit_count >= action.max_hits) {
          limitReached = true;
          action.ended_at = at;
          if (action.state === 'pending' || action.state === 'applied') {
            setState(action, 'disabled', `reached its limit of ${action.max_hits} hit(s)`, null, at);
          }
        }
        await trx
          .updateTable('tracing_actions')
          .set({
            hit_count: action.hit_count,
            ended_at: action.ended_at,
            state: action.state,
            reason: action.reason,
            state_instance: action.state_instance,
            updated_at: action.updated_at,
          })
          .where('id', '=', id)
          .execute();
      }
      if (limitReached) await bumpVersion(trx, key);
      return {
        stored: rows.length,
        dropped: batch.hits.length - rows.length,
        actionIds: [...touched],
        ...(limitReached ? { changedService: key } : {}),
      };
    });
}

/** Hits of one action after a cursor (`seq`), oldest first. */
export async function listTracingHits(
  db: Kysely<Database>,
  actionId: string,
  after: number,
  limit: number,
): Promise<StoredTracingHit[]> {
  const rows = await tracingDb(db)
    .selectFrom('tracing_hits')
    .select(['seq', 'instance', 'body'])
    .where('action_id', '=', actionId)
    .where('seq', '>', after)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    ...(JSON.parse(row.body) as TracingHit),
    seq: row.seq,
    instance: row.instance,
  }));
}

function applyStatus(
  action: ActionState,
  hit: Extract<TracingHit, { kind: 'status' }>,
  instance: string,
  at: string,
): void {
  // An ended action cannot be armed again: a late `applied` must not hide why it stopped.
  if (action.ended_at !== null && hit.state === 'applied') return;
  setState(action, hit.state, hit.reason, instance, at);
}

function setState(
  action: ActionState,
  state: ActionState['state'],
  reason: string,
  instance: string | null,
  at: string,
): void {
  action.state = state;
  action.reason = reason;
  action.state_instance = instance;
  action.updated_at = at;
}
