import { resolve } from 'node:path';
import type { SchemaReader } from '../../capture/schema-registry.js';
import { extractTableNames } from '../sql/table-names.js';
import { createSqliteDdlReader } from './ddl-reader.js';
import type { SqliteDatabase } from './types.js';

/** A database's event key (absolute file path, or `:memory:`) and its DDL reader. */
export interface SqliteDatabaseInfo {
  key: string;
  reader: SchemaReader;
}

const infos = new WeakMap<object, SqliteDatabaseInfo>();

/** Resolved once per Database object, so a later `chdir` cannot change its key. */
export function sqliteDatabaseOf(db: SqliteDatabase): SqliteDatabaseInfo {
  let info = infos.get(db);
  if (!info) {
    info = { key: databaseKey(db), reader: createSqliteDdlReader(db) };
    infos.set(db, info);
  }
  return info;
}

function databaseKey(db: SqliteDatabase): string {
  const name = db.name;
  // '' is SQLite's private temporary database: like ':memory:', nothing outside the process sees it.
  if (db.memory || name === '' || name === ':memory:') return ':memory:';
  return name.startsWith('file:') ? name : resolve(name);
}

/**
 * The user tables a statement names: `main.` is dropped (the default schema), other schemas
 * (`temp`, attached databases) are kept as `schema.table`, and SQLite's own tables are left out.
 */
export function sqliteTablesIn(statement: string): string[] {
  return extractTableNames(statement)
    .filter((ref) => !ref.name.startsWith('sqlite_'))
    .map((ref) =>
      ref.schema === undefined || ref.schema === 'main' ? ref.name : `${ref.schema}.${ref.name}`,
    );
}
