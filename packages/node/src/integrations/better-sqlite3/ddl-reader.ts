import type { TableSchema } from '@flashback/protocol/types';
import type { SchemaReader } from '../../capture/schema-registry.js';
import { sqliteState } from './sqlite-state.js';
import type { SqliteDatabase, SqliteStatement } from './types.js';

/**
 * Reads table definitions from `sqlite_master`: the table's own CREATE statement, then its
 * indexes and triggers, exactly as SQLite stored them. Runs on the app's Database object (SQLite
 * reads are synchronous and local), deferred off the request path and with capture suppressed by
 * the SchemaRegistry. Holds the database weakly: a closed or collected database reads nothing.
 */
export function createSqliteDdlReader(db: SqliteDatabase): SchemaReader {
  const ref = new WeakRef(db);
  // async: a failure (database busy iterating, closed meanwhile) becomes a rejection the registry logs.
  return async (tables) => {
    const database = ref.deref();
    const prepare = sqliteState.prepare;
    if (!database?.open || !prepare) return [];
    const found: TableSchema[] = [];
    for (const name of tables) {
      const dot = name.indexOf('.');
      const schema = dot === -1 ? 'main' : name.slice(0, dot);
      const table = dot === -1 ? name : name.slice(dot + 1);
      const statement = prepare.call(
        database,
        `SELECT sql FROM "${schema.replace(/"/g, '""')}".sqlite_master
         WHERE tbl_name = ? COLLATE NOCASE AND sql IS NOT NULL
         ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'view' THEN 0 WHEN 'index' THEN 1 ELSE 2 END, rowid`,
      ) as SqliteStatement;
      const rows = statement.all(table) as { sql: string }[];
      if (rows.length > 0) found.push({ name, ddl: rows.map((row) => `${row.sql};`).join('\n') });
    }
    return found;
  };
}
