import type { Kysely } from 'kysely';
import type { Database, IssueStatus } from './database-types.js';

/** Sets an issue's status (open, resolved, ignored); false when there is no such issue. */
export async function setIssueStatus(
  db: Kysely<Database>,
  issueId: string,
  status: IssueStatus,
): Promise<boolean> {
  const result = await db
    .updateTable('issues')
    .set({ status, updated_at: new Date().toISOString() })
    .where('id', '=', issueId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
