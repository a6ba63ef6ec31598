import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from './database-types.js';

export interface WebhookConfig {
  id: string;
  projectId: string;
  url: string;
  secret: string | null;
  /** Event names, e.g. `issue.escalated`. */
  events: string[];
  createdAt: string;
}

export async function addWebhook(
  db: Kysely<Database>,
  webhook: { projectId: string; url: string; secret?: string | null; events: string[] },
): Promise<WebhookConfig> {
  const record: WebhookConfig = {
    id: randomUUID(),
    projectId: webhook.projectId,
    url: webhook.url,
    secret: webhook.secret ?? null,
    events: webhook.events,
    createdAt: new Date().toISOString(),
  };
  await db
    .insertInto('webhooks')
    .values({
      id: record.id,
      project_id: record.projectId,
      url: record.url,
      secret: record.secret,
      events: JSON.stringify(record.events),
      created_at: record.createdAt,
    })
    .execute();
  return record;
}

/** Webhooks of a project subscribed to `event`. */
export async function listWebhooks(
  db: Kysely<Database>,
  projectId: string,
  event?: string,
): Promise<WebhookConfig[]> {
  const rows = await db
    .selectFrom('webhooks')
    .selectAll()
    .where('project_id', '=', projectId)
    .orderBy('created_at')
    .execute();
  return rows
    .map((r) => ({
      id: r.id,
      projectId: r.project_id,
      url: r.url,
      secret: r.secret,
      events: JSON.parse(r.events) as string[],
      createdAt: r.created_at,
    }))
    .filter((w) => event === undefined || w.events.includes(event));
}

export async function removeWebhook(db: Kysely<Database>, id: string): Promise<boolean> {
  const result = await db.deleteFrom('webhooks').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
