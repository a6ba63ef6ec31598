import { randomUUID } from 'node:crypto';
import type { TracingActionView } from '@flashback/protocol/collector-api';
import type { TracingAction, TracingActionKind } from '@flashback/protocol/tracing';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './database-types.js';
import { type TracingActionsTable, type TracingDatabase, tracingDb } from './tracing-tables.js';

/** What a person asks for, with every default applied and every limit checked. */
export interface NewTracingAction {
  kind: TracingActionKind;
  service: string;
  file: string;
  line: number;
  condition?: string;
  template?: string;
  stdout: boolean;
  maxHits: number;
  expiresAt: string;
}

/** An action as people see it (`TracingActionView`), with the project it belongs to. */
export interface TracingActionRecord extends TracingActionView {
  projectId: string;
}

/** Where one service's actions are: one key per (project, service). */
export interface ServiceKey {
  projectId: string;
  service: string;
}

/** Stores a new action and bumps its service's version, in one transaction. */
export async function insertTracingAction(
  db: Kysely<Database>,
  projectId: string,
  action: NewTracingAction,
  now = new Date(),
): Promise<TracingActionRecord> {
  const at = now.toISOString();
  const row: TracingActionsTable = {
    id: randomUUID(),
    project_id: projectId,
    service: action.service,
    kind: action.kind,
    file: action.file,
    line: action.line,
    condition: action.condition ?? null,
    template: action.template ?? null,
    stdout: action.stdout ? 1 : 0,
    max_hits: action.maxHits,
    hit_count: 0,
    expires_at: action.expiresAt,
    created_at: at,
    removed_at: null,
    ended_at: null,
    state: 'pending',
    reason: 'waiting for a process of the service to pick it up',
    state_instance: null,
    updated_at: at,
  };
  await tracingDb(db)
    .transaction()
    .execute(async (trx) => {
      await trx.insertInto('tracing_actions').values(row).execute();
      await bumpVersion(trx, { projectId, service: action.service });
    });
  return toRecord(row, now);
}

/** Every action of a project, or of one of its services, newest first. */
export async function listTracingActions(
  db: Kysely<Database>,
  projectId: string,
  filter: { service?: string; limit?: number } = {},
  now = new Date(),
): Promise<TracingActionRecord[]> {
  let query = tracingDb(db)
    .selectFrom('tracing_actions')
    .selectAll()
    .where('project_id', '=', projectId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(filter.limit ?? 500);
  if (filter.service !== undefined) query = query.where('service', '=', filter.service);
  return (await query.execute()).map((row) => toRecord(row, now));
}

export async function findTracingAction(
  db: Kysely<Database>,
  projectId: string,
  id: string,
  now = new Date(),
): Promise<TracingActionRecord | undefined> {
  const row = await tracingDb(db)
    .selectFrom('tracing_actions')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toRecord(row, now);
}

/**
 * Marks an action removed and, when it was still in its service's set, bumps the version. Removing
 * it again changes nothing. Undefined when the project has no such action.
 */
export async function removeTracingAction(
  db: Kysely<Database>,
  projectId: string,
  id: string,
  now = new Date(),
): Promise<TracingActionRecord | undefined> {
  const at = now.toISOString();
  return tracingDb(db)
    .transaction()
    .execute(async (trx) => {
      const removed = await trx
        .updateTable('tracing_actions')
        .set({
          removed_at: at,
          state: 'removed',
          reason: 'removed by a person',
          state_instance: null,
          updated_at: at,
        })
        .where('project_id', '=', projectId)
        .where('id', '=', id)
        .where('removed_at', 'is', null)
        .returningAll()
        .executeTakeFirst();
      if (removed) {
        const wasLive = removed.ended_at === null && removed.expires_at > at;
        if (wasLive) await bumpVersion(trx, { projectId, service: removed.service });
        return toRecord(removed, now);
      }
      const existing = await trx
        .selectFrom('tracing_actions')
        .selectAll()
        .where('project_id', '=', projectId)
        .where('id', '=', id)
        .executeTakeFirst();
      return existing && toRecord(existing, now);
    });
}

/**
 * Ends every action whose time is up and bumps the versions of the services they belonged to.
 * Safe to run from several collectors at once: each action is ended by exactly one of them.
 */
export async function endExpiredTracingActions(
  db: Kysely<Database>,
  now = new Date(),
): Promise<ServiceKey[]> {
  const at = now.toISOString();
  return tracingDb(db)
    .transaction()
    .execute(async (trx) => {
      // A reported error keeps its reason; a pending or armed action now says why it stopped.
      await trx
        .updateTable('tracing_actions')
        .set({ state: 'disabled', reason: 'expired', state_instance: null, updated_at: at })
        .where('removed_at', 'is', null)
        .where('ended_at', 'is', null)
        .where('expires_at', '<=', at)
        .where('state', 'in', ['pending', 'applied'])
        .execute();
      const ended = await trx
        .updateTable('tracing_actions')
        .set({ ended_at: at })
        .where('removed_at', 'is', null)
        .where('ended_at', 'is', null)
        .where('expires_at', '<=', at)
        .returning(['project_id', 'service'])
        .execute();
      const keys = distinctKeys(ended.map((row) => ({ projectId: row.project_id, service: row.service })));
      for (const key of keys) await bumpVersion(trx, key);
      return keys;
    });
}

/** The version of a service's action set; 0 before any action was ever placed for it. */
export async function readActionSetVersion(db: Kysely<Database>, key: ServiceKey): Promise<number> {
  const row = await tracingDb(db)
    .selectFrom('tracing_services')
    .select('version')
    .where('project_id', '=', key.projectId)
    .where('service', '=', key.service)
    .executeTakeFirst();
  return row?.version ?? 0;
}

/** The actions of a service that its processes should have armed now, oldest first. */
export async function listLiveTracingActions(
  db: Kysely<Database>,
  key: ServiceKey,
  now = new Date(),
): Promise<TracingAction[]> {
  const rows = await tracingDb(db)
    .selectFrom('tracing_actions')
    .selectAll()
    .where('project_id', '=', key.projectId)
    .where('service', '=', key.service)
    .where('removed_at', 'is', null)
    .where('ended_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toWireAction);
}

/** Bumps a service's version, creating its row on first use. */
export async function bumpVersion(trx: Transaction<TracingDatabase>, key: ServiceKey): Promise<void> {
  await trx
    .insertInto('tracing_services')
    .values({ project_id: key.projectId, service: key.service, version: 1, hit_seq: 0 })
    .onConflict((oc) =>
      oc
        .columns(['project_id', 'service'])
        .doUpdateSet((eb) => ({ version: eb('tracing_services.version', '+', 1) })),
    )
    .execute();
}

function distinctKeys(keys: readonly ServiceKey[]): ServiceKey[] {
  const seen = new Map<string, ServiceKey>();
  for (const key of keys) seen.set(`${key.projectId}\0${key.service}`, key);
  return [...seen.values()];
}

function toWireAction(row: TracingActionsTable): TracingAction {
  const action: TracingAction = {
    id: row.id,
    kind: row.kind,
    service: row.service,
    location: { file: row.file, line: row.line },
    maxHits: row.max_hits,
    expiresAt: row.expires_at,
    createdAt: row.created_at,
  };
  if (row.condition !== null) action.condition = row.condition;
  if (row.template !== null) action.template = row.template;
  if (row.stdout === 1) action.stdout = true;
  return action;
}

function toRecord(row: TracingActionsTable, now: Date): TracingActionRecord {
  return {
    ...toWireAction(row),
    projectId: row.project_id,
    live: row.removed_at === null && row.ended_at === null && row.expires_at > now.toISOString(),
    removedAt: row.removed_at,
    endedAt: row.ended_at,
    status: { state: row.state, reason: row.reason, instance: row.state_instance, at: row.updated_at },
    hitCount: row.hit_count,
  };
}
