/** The `sql.query` handler: routes each query to one of the service's databases. */
import type { SqlQueryInput, SqlRows } from '../commands/sql.js';
import { sqlQuery } from '../commands/sql.js';
import { type Handler, handle } from '../core/handler.js';

/** One database behind the SQL command; see `pgDatabase` and `sqliteDatabase`. */
export interface SqlDatabase {
  readonly system: 'postgresql' | 'sqlite';
  /** A SQLite file path, or `postgresql://user@host:port/name`; never a password. */
  readonly name: string;
  query(sql: string, params: readonly unknown[]): SqlRows | Promise<SqlRows>;
}

export const DEFAULT_DATABASE = 'main';

/**
 * @example
 * sqlHandler(pgDatabase(pool));                                      // one database
 * sqlHandler({ main: pgDatabase(pool), cache: sqliteDatabase(db) }); // query(sql, params, 'cache')
 */
export function sqlHandler(
  databases: SqlDatabase | Record<string, SqlDatabase>,
): Handler<SqlQueryInput, SqlRows> {
  const byName: Record<string, SqlDatabase> = isDatabase(databases)
    ? { [DEFAULT_DATABASE]: databases }
    : databases;
  const meta = Object.fromEntries(
    Object.entries(byName).map(([key, db]) => [key, { system: db.system, database: db.name }]),
  );
  return handle(
    sqlQuery,
    (input) => {
      const name = input.database ?? DEFAULT_DATABASE;
      const db = byName[name];
      if (!db)
        throw new Error(`no database ${JSON.stringify(name)}; known: ${Object.keys(byName).join(', ')}`);
      return db.query(input.sql, input.params);
    },
    {
      meta: { event: 'db', databases: meta },
      spanAttributes: (input, result) => {
        const db = byName[input.database ?? DEFAULT_DATABASE];
        const attributes: Record<string, string | number> = { 'db.query.text': input.sql };
        if (db) attributes['db.system.name'] = db.system;
        if (result.ok && result.value.rowCount !== null)
          attributes['db.response.returned_rows'] = result.value.rowCount;
        return attributes;
      },
    },
  );
}

function isDatabase(value: SqlDatabase | Record<string, SqlDatabase>): value is SqlDatabase {
  return typeof (value as SqlDatabase).query === 'function';
}
