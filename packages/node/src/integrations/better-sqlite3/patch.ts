import { patchDatabaseClass } from './database-patch.js';
import type { SqliteDatabaseClass } from './types.js';

/**
 * Patches a loaded copy of `better-sqlite3` (12.x). Called with the exports of every cached file
 * of the package; only the Database constructor (the main export, and `lib/database.js`, the same
 * function) qualifies, and wrapping is idempotent.
 */
export function patchBetterSqlite3(exports: unknown): void {
  if (isDatabaseClass(exports)) patchDatabaseClass(exports);
}

function isDatabaseClass(exports: unknown): exports is SqliteDatabaseClass {
  if (typeof exports !== 'function') return false;
  const proto = (exports as { prototype?: Record<string, unknown> }).prototype;
  return (
    typeof proto?.prepare === 'function' &&
    typeof proto.exec === 'function' &&
    typeof proto.transaction === 'function'
  );
}
