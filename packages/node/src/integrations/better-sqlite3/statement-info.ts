import type { DbField } from '@flashback/protocol/types';
import type { SqliteColumn } from './types.js';

/** better-sqlite3's row modes: objects (default), arrays (`raw`), first column (`pluck`), nested by table (`expand`). */
export type RowMode = 'flat' | 'raw' | 'pluck' | 'expand';

/** A statement's result columns as event fields, and how a row in the current mode becomes values in their order. */
export interface RowShape {
  fields: DbField[];
  toValues(row: unknown): readonly unknown[];
}

/** What the integration remembers about one prepared statement. */
export interface StatementInfo {
  mode: RowMode;
  /** Parameters bound with `stmt.bind()`, which later calls then run with. */
  bound?: readonly unknown[];
  /** Tables named by the statement, extracted once. */
  tables?: string[];
  columns?: SqliteColumn[];
  shape?: { mode: RowMode; shape: RowShape };
}

const infos = new WeakMap<object, StatementInfo>();

export function statementInfo(statement: object): StatementInfo {
  let info = infos.get(statement);
  if (!info) {
    info = { mode: 'flat' };
    infos.set(statement, info);
  }
  return info;
}

/**
 * Mirrors better-sqlite3's mode switch: `raw()`/`pluck()`/`expand()` (or `(true)`) select that
 * mode; `(false)` returns to objects only if that mode was the active one.
 */
export function switchMode(statement: object, mode: RowMode, use: boolean): void {
  const info = statementInfo(statement);
  if (use) info.mode = mode;
  else if (info.mode === mode) info.mode = 'flat';
}
