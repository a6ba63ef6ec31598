import { patchPgClient } from './client-patch.js';
import { patchPgPool } from './pool-patch.js';
import type { PgModule } from './types.js';

/**
 * Patches a loaded copy of `pg` (8.x). Called with the exports of every cached file under
 * `node_modules/pg/`; only the package's main export (the object with `Client` and `Pool`)
 * is patched. `pg.native` is a lazy getter that loads pg-native and is deliberately not touched.
 */
export function patchPg(exports: unknown): void {
  if (!isPgModule(exports)) return;
  patchPgClient(exports.Client);
  if (typeof exports.Pool === 'function') patchPgPool(exports.Pool);
}

function isPgModule(exports: unknown): exports is PgModule {
  if (typeof exports !== 'object' || exports === null) return false;
  const Client = (exports as { Client?: unknown }).Client;
  return (
    typeof Client === 'function' && typeof (Client.prototype as { query?: unknown })?.query === 'function'
  );
}
