/** SQLite through `better-sqlite3`, synchronously, typed structurally. */
import type { SqlRows } from '../commands/sql.js';
import type { SqlDatabase } from './sql-handler.js';

/** The part of a better-sqlite3 Database the handler uses. */
export interface SqliteDatabaseLike {
  readonly name: string;
  prepare(sql: string): SqliteStatementLike;
}

export interface SqliteStatementLike {
  readonly reader: boolean;
  all(...params: unknown[]): unknown[];
  run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint };
  columns(): { name: string; type: string | null; table: string | null; column: string | null }[];
}

export function sqliteDatabase(db: SqliteDatabaseLike): SqlDatabase {
  // Preparing is the costly part of a better-sqlite3 call; the logic repeats a handful of statements.
  const statements = new Map<string, SqliteStatementLike>();
  return {
    system: 'sqlite',
    name: db.name,
    query(sql, params): SqlRows {
      let statement = statements.get(sql);
      if (!statement) {
        statement = db.prepare(sql);
        statements.set(sql, statement);
      }
      if (!statement.reader) {
        const { changes, lastInsertRowid } = statement.run(...params);
        return { rows: [], rowCount: changes, command: commandOf(sql), changes, lastInsertRowid };
      }
      const rows = statement.all(...params) as Record<string, unknown>[];
      return {
        rows,
        rowCount: rows.length,
        command: commandOf(sql),
        fields: statement.columns().map(toField),
      };
    },
  };
}

function toField(column: ReturnType<SqliteStatementLike['columns']>[number]) {
  const field: { name: string; type?: string; table?: string; column?: string } = { name: column.name };
  if (column.type) field.type = column.type;
  if (column.table) field.table = column.table;
  if (column.column) field.column = column.column;
  return field;
}

function commandOf(sql: string): string {
  return /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? '';
}
