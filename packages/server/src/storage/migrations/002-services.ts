import type { Kysely } from 'kysely';

/** App specs per service, so tier-3 reproductions know how to start the app (`flashback services add`). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('services')
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('app_dir', 'text', (c) => c.notNull())
    .addColumn('start_command', 'text', (c) => c.notNull())
    .addColumn('port', 'integer')
    .addColumn('ready_path', 'text')
    .addColumn('env', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('services_pkey', ['project_id', 'name'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('services').execute();
}
