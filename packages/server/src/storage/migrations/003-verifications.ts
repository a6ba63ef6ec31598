import type { Kysely } from 'kysely';

/**
 * Verifications of an issue: the reproduction re-run against newer code (`flashback verify`), with
 * its outcome. A `fixed` one is what lets the issue be resolved without forcing it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('verifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('issue_id', 'text', (c) => c.notNull().references('issues.id').onDelete('cascade'))
    .addColumn('package_id', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('app_revision', 'text')
    .addColumn('verdict', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('verifications_issue')
    .on('verifications')
    .columns(['issue_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('verifications').execute();
}
