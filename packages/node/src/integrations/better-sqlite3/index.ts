import { onPackageLoad } from '../../instrument/module-hook.js';
import type { Integration } from '../types.js';
import { patchBetterSqlite3 } from './patch.js';
import { sqliteState } from './sqlite-state.js';

/**
 * Records better-sqlite3 calls as `db` events: `run`/`get`/`all`/`iterate` of prepared
 * statements, `exec`, failed `prepare`s, and the BEGIN/COMMIT/ROLLBACK of `transaction()`s; with
 * the database file path, params (positional or named), result fields with source table/column,
 * rows in any row mode (capped at `maxRows`), changes and lastInsertRowid, or the error with its
 * SQLite code. Registers a `sqlite_master` DDL reader per database.
 *
 * @example
 * const integration = betterSqlite3Integration();
 * integration.setup({ options, sink, schemas });
 */
export function betterSqlite3Integration(): Integration {
  return {
    name: 'better-sqlite3',
    setup(setup) {
      sqliteState.setup = setup;
      onPackageLoad('better-sqlite3', patchBetterSqlite3);
    },
    teardown() {
      sqliteState.setup = undefined;
    },
  };
}
