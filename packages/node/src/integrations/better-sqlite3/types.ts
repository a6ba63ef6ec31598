/**
 * The parts of `better-sqlite3` (12.x) the integration touches, as structural types: the SDK
 * never imports better-sqlite3 itself.
 */

/** One result column, as `stmt.columns()` describes it. */
export interface SqliteColumn {
  name: string;
  column: string | null;
  table: string | null;
  database: string | null;
  type: string | null;
}

/** What `stmt.run()` returns. */
export interface SqliteRunResult {
  changes: number;
  lastInsertRowid: number | bigint;
}

export interface SqliteStatement {
  readonly source: string;
  readonly reader: boolean;
  readonly database: SqliteDatabase;
  columns(): SqliteColumn[];
  all(...params: unknown[]): unknown[];
}

export interface SqliteDatabase {
  readonly name: string;
  readonly open: boolean;
  readonly memory: boolean;
}

/** The iterator `stmt.iterate()` returns (it has no `throw`). */
export interface SqliteIterator {
  next(...args: unknown[]): IteratorResult<unknown>;
  return?(...args: unknown[]): IteratorResult<unknown>;
}

export type SqliteMethod = (this: unknown, ...args: unknown[]) => unknown;

/** `module.exports` of `better-sqlite3`: the Database constructor. */
export interface SqliteDatabaseClass {
  new (filename: string): SqliteDatabase & { close(): unknown };
  prototype: { prepare: SqliteMethod; exec: SqliteMethod; transaction: SqliteMethod };
}
