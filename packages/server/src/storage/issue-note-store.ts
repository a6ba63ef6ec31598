import { randomUUID } from 'node:crypto';
import type { IssueNote, IssueNoteKind } from '@flashback/protocol/collector-api';
import type { Kysely } from 'kysely';
import type { Database } from './database-types.js';

export type { IssueNote, IssueNoteKind };

/** Migration 004. Kept beside its store: nothing else reads the table. */
export interface IssueNotesTable {
  id: string;
  issue_id: string;
  kind: IssueNoteKind;
  text: string;
  /** Who wrote it, as they named themselves: a person, or an agent such as `mcp`. */
  author: string;
  created_at: string;
}

type NotesDatabase = Database & { issue_notes: IssueNotesTable };

function notesDb(db: Kysely<Database>): Kysely<NotesDatabase> {
  return db.withTables<{ issue_notes: IssueNotesTable }>();
}

export async function addIssueNote(
  db: Kysely<Database>,
  note: { issueId: string; kind: IssueNoteKind; text: string; author: string },
): Promise<IssueNote> {
  const row: IssueNotesTable = {
    id: randomUUID(),
    issue_id: note.issueId,
    kind: note.kind,
    text: note.text,
    author: note.author,
    created_at: new Date().toISOString(),
  };
  await notesDb(db).insertInto('issue_notes').values(row).execute();
  return toNote(row);
}

/** Oldest first: the history reads top to bottom. */
export async function listIssueNotes(db: Kysely<Database>, issueId: string): Promise<IssueNote[]> {
  const rows = await notesDb(db)
    .selectFrom('issue_notes')
    .selectAll()
    .where('issue_id', '=', issueId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toNote);
}

function toNote(row: IssueNotesTable): IssueNote {
  return {
    id: row.id,
    issueId: row.issue_id,
    kind: row.kind,
    text: row.text,
    author: row.author,
    createdAt: row.created_at,
  };
}
