import type { IntegrationSetup } from '../types.js';
import type { SqliteMethod } from './types.js';

/**
 * What the better-sqlite3 wrappers share. Wrappers are installed once per process, so they read
 * the current setup here; while it is undefined they only pass calls through. `prepare` is the
 * unwrapped `Database.prototype.prepare`, which the DDL reader uses.
 */
export const sqliteState: { setup: IntegrationSetup | undefined; prepare: SqliteMethod | undefined } = {
  setup: undefined,
  prepare: undefined,
};
