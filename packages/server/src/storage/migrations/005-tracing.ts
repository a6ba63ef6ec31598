import { type Kysely, sql } from 'kysely';

/**
 * Dynamic tracing: the actions people place in running services, what the services sent back, and
 * per service a version of its action set and the sequence of its hits. Sequences come from a
 * counter row rather than an auto-increment column: that is the same on SQLite and PostgreSQL, and
 * because writers take the row's lock until they commit, hits become visible in sequence order, so
 * a reader's cursor never skips a hit that commits late.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('tracing_actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('service', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('file', 'text', (c) => c.notNull())
    .addColumn('line', 'integer', (c) => c.notNull())
    .addColumn('condition', 'text')
    .addColumn('template', 'text')
    .addColumn('stdout', 'integer', (c) => c.notNull())
    .addColumn('max_hits', 'integer', (c) => c.notNull())
    .addColumn('hit_count', 'integer', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('removed_at', 'text')
    .addColumn('ended_at', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('state_instance', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('tracing_actions_project_service')
    .on('tracing_actions')
    .columns(['project_id', 'service', 'created_at'])
    .execute();
  // The expiry sweep runs every second: it must only ever look at the actions still live.
  await db.schema
    .createIndex('tracing_actions_live_expiry')
    .on('tracing_actions')
    .column('expires_at')
    .where(sql.ref('removed_at'), 'is', null)
    .where(sql.ref('ended_at'), 'is', null)
    .execute();

  await db.schema
    .createTable('tracing_services')
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('service', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('hit_seq', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('tracing_services_pkey', ['project_id', 'service'])
    .execute();

  await db.schema
    .createTable('tracing_hits')
    .addColumn('action_id', 'text', (c) => c.notNull().references('tracing_actions.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('instance', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('tracing_hits_pkey', ['action_id', 'seq'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('tracing_hits').execute();
  await db.schema.dropTable('tracing_services').execute();
  await db.schema.dropTable('tracing_actions').execute();
}
