import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { ServerError } from '../app/server-errors.js';
import { type DatabaseTarget, describeDatabaseTarget } from '../config/database-url.js';
import type { SqliteSynchronous } from '../config/server-options.js';
import type { Database } from './database-types.js';
import { migrationProvider } from './migrations/index.js';
import { withStatementCache } from './statement-cache.js';
import { WalCheckpointer } from './wal-checkpointer.js';
import { WalSync } from './wal-sync.js';

/** An open database with the schema migrated to the latest version. */
export interface Storage {
  readonly db: Kysely<Database>;
  readonly target: DatabaseTarget;
  /**
   * Resolves once every transaction committed before the call is on disk. Ingest awaits it before
   * acknowledging. Immediate on PostgreSQL (its commit is durable) and for in-memory SQLite. On
   * SQLite it also keeps the write-ahead log within its limit.
   */
  sync(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenStorageOptions {
  sqliteSynchronous?: SqliteSynchronous;
  /**
   * Size of the SQLite write-ahead log above which the writer checkpoints it itself. The worker
   * keeps it far below under normal load; this bounds it when writes never pause. Default 32 MiB.
   */
  sqliteWalLimitBytes?: number;
  /** Connections in the PostgreSQL pool. Default 10. */
  poolSize?: number;
}

/**
 * Opens SQLite or PostgreSQL behind one Kysely instance and runs the pending migrations.
 *
 * @example
 * const storage = await openStorage({ dialect: 'sqlite', file: '.flashback/flashback.db' });
 */
export async function openStorage(
  target: DatabaseTarget,
  options: OpenStorageOptions = {},
): Promise<Storage> {
  const opened =
    target.dialect === 'sqlite' ? openSqlite(target.file, options) : openPostgres(target.url, options);
  try {
    await migrate(opened.db);
  } catch (error) {
    await opened.close();
    throw new ServerError(
      'FB_ERR_STORAGE_UNAVAILABLE',
      `could not migrate ${describeDatabaseTarget(target)}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  return { target, ...opened };
}

type OpenedDatabase = Omit<Storage, 'target'>;

function openSqlite(file: string, options: OpenStorageOptions): OpenedDatabase {
  const inMemory = file === ':memory:';
  if (!inMemory) mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  // WAL lets readers run beside the writer. Commits do not fsync (NORMAL) and checkpoints happen in
  // a worker: the event loop never waits for the disk. Durability comes from WalSync, awaited by
  // ingest before it acknowledges.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('wal_autocheckpoint = 0');
  const walLimit = options.sqliteWalLimitBytes ?? 32 * 1024 * 1024;
  sqlite.pragma(`journal_size_limit = ${walLimit}`);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Indexes on random ids (package UUIDs) touch pages all over the file: keep them in memory.
  sqlite.pragma('cache_size = -65536');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  if (inMemory) return { db, sync: async () => {}, close: () => db.destroy() };

  const walSync = new WalSync(file);
  const checkpointer = WalCheckpointer.start(file);
  const durable = options.sqliteSynchronous !== 'normal';
  // Under writes that never pause the worker cannot copy the whole log, and SQLite only starts
  // it over once it has been copied entirely. Past the limit the writer copies what is left (the
  // worker has done most of it), so the log restarts at the next write.
  const boundWal = async () => {
    if ((await walSync.walSize()) <= walLimit) return;
    try {
      await sql`pragma wal_checkpoint(PASSIVE)`.execute(db);
    } catch {
      // The worker is checkpointing right now; the next write tries again.
    }
  };
  return {
    db,
    async sync() {
      if (durable) await walSync.sync();
      await boundWal();
    },
    async close() {
      await walSync.close();
      await checkpointer.stop();
      await db.destroy();
    },
  };
}

function openPostgres(url: string, options: OpenStorageOptions): OpenedDatabase {
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, sync: async () => {}, close: () => db.destroy() };
}

async function migrate(db: Kysely<Database>): Promise<void> {
  // Migrations are written side by side: a database may have run a later one before an earlier
  // one existed. Running the missing ones out of order is safe because none depends on another's
  // data, only on the first schema.
  const { error, results } = await new Migrator({
    db,
    provider: migrationProvider,
    allowUnorderedMigrations: true,
  }).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(
      `migration ${failed ?? '(unknown)'} failed: ${(error as Error).message ?? String(error)}`,
      {
        cause: error,
      },
    );
  }
}
