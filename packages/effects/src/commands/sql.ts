/** SQL queries, performed by the `pg` or `better-sqlite3` handler. */
import { type Command, defineCommand } from '../core/command.js';

export interface SqlQueryInput {
  sql: string;
  params: readonly unknown[];
  /** Which database, when a service has several (see `sqlHandler`); default `main`. */
  database?: string;
}

export interface SqlField {
  name: string;
  /** PostgreSQL type OID. */
  dataTypeId?: number;
  /** Declared type (SQLite). */
  type?: string;
  table?: string;
  column?: string;
}

export interface SqlRows<Row = Record<string, unknown>> {
  rows: Row[];
  /** Rows returned or affected, as the driver reports it. */
  rowCount: number | null;
  /** SELECT, INSERT, UPDATE, ... */
  command?: string;
  fields?: SqlField[];
  /** Rows changed by a write (SQLite). */
  changes?: number;
  lastInsertRowid?: number | bigint;
}

export const sqlQuery = defineCommand<SqlQueryInput, SqlRows>('sql.query');

/**
 * @example
 * pipeline({ id }).step('cart', ({ id }) => query<CartRow>('select * from carts where id = $1', [id]));
 */
export function query<Row = Record<string, unknown>>(
  sql: string,
  params: readonly unknown[] = [],
  database?: string,
): Command<SqlQueryInput, SqlRows<Row>> {
  return sqlQuery(database === undefined ? { sql, params } : { sql, params, database }) as Command<
    SqlQueryInput,
    SqlRows<Row>
  >;
}
