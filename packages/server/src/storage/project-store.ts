import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from './database-types.js';

export interface ProjectRecord {
  id: string;
  name: string;
  ingestKeyHash: string;
  createdAt: string;
}

export interface TokenRecord {
  id: string;
  /** Null: reads every project. */
  projectId: string | null;
  name: string;
}

export async function insertProject(
  db: Kysely<Database>,
  project: { name: string; ingestKeyHash: string },
): Promise<ProjectRecord> {
  const record = { id: randomUUID(), createdAt: new Date().toISOString(), ...project };
  await db
    .insertInto('projects')
    .values({
      id: record.id,
      name: record.name,
      ingest_key_hash: record.ingestKeyHash,
      created_at: record.createdAt,
    })
    .execute();
  return record;
}

export async function findProjectByName(
  db: Kysely<Database>,
  name: string,
): Promise<ProjectRecord | undefined> {
  const row = await db.selectFrom('projects').selectAll().where('name', '=', name).executeTakeFirst();
  return row && { id: row.id, name: row.name, ingestKeyHash: row.ingest_key_hash, createdAt: row.created_at };
}

export async function findProjectById(
  db: Kysely<Database>,
  id: string,
): Promise<Omit<ProjectRecord, 'ingestKeyHash'> | undefined> {
  const row = await db
    .selectFrom('projects')
    .select(['id', 'name', 'created_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row && { id: row.id, name: row.name, createdAt: row.created_at };
}

export async function listProjects(db: Kysely<Database>): Promise<Omit<ProjectRecord, 'ingestKeyHash'>[]> {
  const rows = await db.selectFrom('projects').select(['id', 'name', 'created_at']).orderBy('name').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at }));
}

export async function updateIngestKeyHash(
  db: Kysely<Database>,
  projectId: string,
  hash: string,
): Promise<void> {
  await db.updateTable('projects').set({ ingest_key_hash: hash }).where('id', '=', projectId).execute();
}

export async function insertToken(
  db: Kysely<Database>,
  token: { projectId: string | null; name: string; tokenHash: string },
): Promise<TokenRecord> {
  const id = randomUUID();
  await db
    .insertInto('api_tokens')
    .values({
      id,
      project_id: token.projectId,
      name: token.name,
      token_hash: token.tokenHash,
      created_at: new Date().toISOString(),
    })
    .execute();
  return { id, projectId: token.projectId, name: token.name };
}

export async function findTokenByHash(
  db: Kysely<Database>,
  tokenHash: string,
): Promise<TokenRecord | undefined> {
  const row = await db
    .selectFrom('api_tokens')
    .select(['id', 'project_id', 'name'])
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  return row && { id: row.id, projectId: row.project_id, name: row.name };
}
