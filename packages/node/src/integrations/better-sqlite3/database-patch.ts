import { getRequestContext } from '../../context/request-context.js';
import { toIoError } from '../../context/timeline-recorder.js';
import { safeExecute } from '../../instrument/safe-execute.js';
import { isWrapped, wrapMethod } from '../../instrument/wrap.js';
import { sqliteState } from './sqlite-state.js';
import { startSqliteEvent } from './statement-event.js';
import { patchStatementPrototype } from './statement-patch.js';
import type { SqliteDatabase, SqliteDatabaseClass } from './types.js';

/**
 * Wraps `Database.prototype`: `prepare` (to reach the Statement prototype, and to record
 * statements SQLite refuses to prepare, such as a query on a missing table), `exec`, and
 * `transaction`. Transactions need no recording of their own: better-sqlite3 runs BEGIN, COMMIT,
 * ROLLBACK and SAVEPOINTs as prepared statements, so they appear as `run` events around the
 * statements of the transaction at no extra cost.
 *
 * The Statement prototype is patched at once from a statement on a throwaway in-memory database,
 * because an app that prepared all its statements before the SDK started may never call
 * `prepare` again. Every later statement is checked too (a cheap property read next to the cost
 * of preparing): a Database built with its own `nativeBinding` has a Statement class of its own.
 */
export function patchDatabaseClass(Database: SqliteDatabaseClass): void {
  const proto = Database.prototype;
  const checked = new WeakSet<object>();

  const wrapped = wrapMethod(proto, 'prepare', (original) => {
    sqliteState.prepare = original;
    return function prepare(this: unknown, ...args: unknown[]): unknown {
      let statement: unknown;
      try {
        statement = original.apply(this, args);
      } catch (error: unknown) {
        if (sqliteState.setup !== undefined && getRequestContext() !== undefined) {
          safeExecute('better-sqlite3: recording a prepare error', () =>
            recordFailure(this, 'prepare', args[0], error),
          );
        }
        throw error;
      }
      patchStatementsOf(statement);
      return statement;
    };
  });

  wrapMethod(
    proto,
    'exec',
    (original) =>
      function exec(this: unknown, ...args: unknown[]): unknown {
        const setup = sqliteState.setup;
        if (setup === undefined || getRequestContext() === undefined) return original.apply(this, args);
        const event = safeExecute('better-sqlite3: recording exec', () =>
          startSqliteEvent(setup, this as SqliteDatabase, 'exec', String(args[0]), []),
        );
        let result: unknown;
        try {
          result = original.apply(this, args);
        } catch (error: unknown) {
          safeExecute('better-sqlite3: recording an exec error', () => event?.fail(toIoError(error)));
          throw error;
        }
        safeExecute('better-sqlite3: recording exec', () => event?.finish());
        return result;
      },
  );

  wrapMethod(
    proto,
    'transaction',
    (original) =>
      function transaction(this: unknown, ...args: unknown[]): unknown {
        // The transaction's BEGIN/COMMIT statements come from this database's Statement class.
        const prepare = sqliteState.prepare;
        if (prepare && typeof this === 'object' && this !== null && !checked.has(this)) {
          checked.add(this);
          safeExecute('better-sqlite3: patching statements', () =>
            patchStatementsOf(prepare.call(this, 'SELECT 1')),
          );
        }
        return original.apply(this, args);
      },
  );

  // Once per wrapping: the package's main export and lib/database.js are the same constructor.
  if (!wrapped) return;
  safeExecute('better-sqlite3: patching statements', () => {
    const prepare = sqliteState.prepare;
    if (!prepare) return;
    const probe = new Database(':memory:');
    try {
      patchStatementsOf(prepare.call(probe, 'SELECT 1'));
    } finally {
      probe.close();
    }
  });
}

function patchStatementsOf(statement: unknown): void {
  const statementProto: unknown =
    typeof statement === 'object' && statement ? Object.getPrototypeOf(statement) : null;
  if (statementProto && !isWrapped((statementProto as { run?: unknown }).run)) {
    safeExecute('better-sqlite3: patching statements', () =>
      patchStatementPrototype(statementProto as object),
    );
  }
}

function recordFailure(db: unknown, operation: string, statement: unknown, error: unknown): void {
  const setup = sqliteState.setup;
  if (!setup) return;
  const event = startSqliteEvent(setup, db as SqliteDatabase, operation, String(statement), []);
  event?.fail(toIoError(error));
}
