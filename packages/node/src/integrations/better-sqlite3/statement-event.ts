import type { DbEvent } from '@flashback/protocol/types';
import { type PendingEvent, startEvent } from '../../context/timeline-recorder.js';
import type { IntegrationSetup } from '../types.js';
import { sqliteDatabaseOf, sqliteTablesIn } from './database-info.js';
import type { SqliteDatabase } from './types.js';

/**
 * Starts a `db` event for one better-sqlite3 call, registers the database's DDL reader and notes
 * the tables the statement names. Undefined outside a request (nothing is recorded then).
 */
export function startSqliteEvent(
  setup: IntegrationSetup,
  db: SqliteDatabase,
  operation: string,
  statement: string,
  params: DbEvent['params'],
  tables: () => string[] = () => sqliteTablesIn(statement),
): PendingEvent<DbEvent> | undefined {
  const database = sqliteDatabaseOf(db);
  const event = startEvent<DbEvent>({
    type: 'db',
    system: 'sqlite',
    database: database.key,
    operation,
    statement,
    params,
  });
  if (!event) return undefined;
  setup.schemas.registerDatabase('sqlite', database.key, database.reader);
  const names = tables();
  if (names.length > 0) setup.schemas.noteTables(database.key, names);
  return event;
}
