import type { Kysely } from 'kysely';
import type { Database } from './database-types.js';

/** What a reproduction needs to start a service's app (the replay engine's `AppSpec`, stored). */
export interface ServiceAppSpec {
  name: string;
  /** Absolute directory the start command runs in. */
  dir: string;
  start: string;
  port?: number;
  readyPath?: string;
  env?: Record<string, string>;
}

/** Registers a service's app spec, replacing the one it had. */
export async function saveService(
  db: Kysely<Database>,
  projectId: string,
  spec: ServiceAppSpec,
): Promise<void> {
  const row = {
    project_id: projectId,
    name: spec.name,
    app_dir: spec.dir,
    start_command: spec.start,
    port: spec.port ?? null,
    ready_path: spec.readyPath ?? null,
    env: JSON.stringify(spec.env ?? {}),
    updated_at: new Date().toISOString(),
  };
  await db
    .insertInto('services')
    .values(row)
    .onConflict((c) =>
      c.columns(['project_id', 'name']).doUpdateSet({
        app_dir: row.app_dir,
        start_command: row.start_command,
        port: row.port,
        ready_path: row.ready_path,
        env: row.env,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

export async function findService(
  db: Kysely<Database>,
  projectId: string,
  name: string,
): Promise<ServiceAppSpec | undefined> {
  const row = await db
    .selectFrom('services')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('name', '=', name)
    .executeTakeFirst();
  return row && toSpec(row);
}

export async function listServices(db: Kysely<Database>, projectId: string): Promise<ServiceAppSpec[]> {
  const rows = await db
    .selectFrom('services')
    .selectAll()
    .where('project_id', '=', projectId)
    .orderBy('name')
    .execute();
  return rows.map(toSpec);
}

export async function removeService(db: Kysely<Database>, projectId: string, name: string): Promise<boolean> {
  const result = await db
    .deleteFrom('services')
    .where('project_id', '=', projectId)
    .where('name', '=', name)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

function toSpec(row: Database['services']): ServiceAppSpec {
  const spec: ServiceAppSpec = { name: row.name, dir: row.app_dir, start: row.start_command };
  if (row.port !== null) spec.port = row.port;
  if (row.ready_path !== null) spec.readyPath = row.ready_path;
  const env = JSON.parse(row.env) as Record<string, string>;
  if (Object.keys(env).length > 0) spec.env = env;
  return spec;
}
