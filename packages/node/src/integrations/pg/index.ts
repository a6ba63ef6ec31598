import { onPackageLoad } from '../../instrument/module-hook.js';
import type { Integration } from '../types.js';
import { patchPg } from './patch.js';
import { pgState } from './pg-state.js';

/**
 * Records every `pg` query (Client and Pool; callbacks, promises and query objects) as a `db`
 * event: statement, params, result fields with type OIDs and source table/column, rows (capped
 * at `maxRows`), command and rowCount, or the error with its SQLSTATE. Registers a DDL reader per
 * database so the package carries the definitions of the tables its queries touched.
 *
 * @example
 * const integration = pgIntegration();
 * integration.setup({ options, sink, schemas });
 */
export function pgIntegration(): Integration {
  return {
    name: 'pg',
    setup(setup) {
      pgState.setup = setup;
      onPackageLoad('pg', patchPg);
    },
    teardown() {
      pgState.setup = undefined;
    },
  };
}
