import { chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@flashback/ports';
import { removeOnExit } from './exit-cleanup.js';
import { spawnManaged } from './managed-process.js';
import { findPostgresBinDir } from './postgres-binaries.js';
import { runChecked, runCommand } from './run-command.js';
import { lookupSystemUser } from './system-user.js';
import { waitFor } from './wait-for.js';

// Nothing in a test cluster has to survive a crash, so durability is traded for speed.
const SERVER_SETTINGS = {
  fsync: 'off',
  synchronous_commit: 'off',
  full_page_writes: 'off',
  max_connections: '200',
};

export interface PostgresServer {
  /** `postgres://postgres@127.0.0.1:<port>/<database>`, trust authentication. */
  url: string;
  port: number;
  database: string;
  /** Fast shutdown, then the data directory is removed. Safe to call twice. */
  stop(): Promise<void>;
}

export interface StartPostgresOptions {
  /** Database created once the server is up. Default `flashback`. */
  database?: string;
  readyTimeoutMs?: number;
}

/**
 * Starts a real, throwaway PostgreSQL server on 127.0.0.1: a fresh cluster in a
 * temp directory (also holding the Unix socket), durability off.
 *
 * @example
 * const pg = await startPostgres();
 * const client = new pg.Client(pg.url);
 * ...
 * await pg.stop();
 */
export async function startPostgres(options: StartPostgresOptions = {}): Promise<PostgresServer> {
  const bin = findPostgresBinDir();
  const database = options.database ?? 'flashback';
  const owner = serverOwner();
  const dir = await mkdtemp(join(tmpdir(), 'flashback-pg-'));
  const forgetDir = removeOnExit(dir);
  const env = { ...process.env, LC_ALL: 'C', LANG: 'C' };
  const asOwner = owner ? { uid: owner.uid, gid: owner.gid } : {};
  if (owner) await chown(dir, owner.uid, owner.gid);
  const dataDir = join(dir, 'data');

  const removeDir = async () => {
    await rm(dir, { recursive: true, force: true });
    forgetDir();
  };

  try {
    await runChecked(
      join(bin, 'initdb'),
      ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-locale', '--no-sync'],
      { cwd: dir, env, ...asOwner },
    );
  } catch (error: unknown) {
    await removeDir();
    throw error;
  }

  const port = await freePort();
  const args = ['-D', dataDir, '-h', '127.0.0.1', '-p', String(port), '-k', dir];
  for (const [name, value] of Object.entries(SERVER_SETTINGS)) args.push('-c', `${name}=${value}`);
  const server = spawnManaged(join(bin, 'postgres'), args, { cwd: dir, env, ...asOwner });

  let stopped: Promise<void> | undefined;
  const stop = () => {
    // SIGINT is PostgreSQL's "fast" shutdown: disconnect clients, checkpoint, exit.
    stopped ??= server.stop('SIGINT', 15_000).then(removeDir);
    return stopped;
  };

  try {
    const exited = new AbortController();
    void server.exited.then((info) =>
      exited.abort(
        new Error(
          `postgres exited (code ${info.code}, signal ${info.signal}) while starting:\n${server.stderr()}`,
        ),
      ),
    );
    const host = ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres'];
    await waitFor(
      async () => (await runCommand(join(bin, 'pg_isready'), [...host, '-d', 'postgres'])).code === 0,
      {
        what: `PostgreSQL on 127.0.0.1:${port} to accept connections`,
        timeoutMs: options.readyTimeoutMs ?? 30_000,
        intervalMs: 50,
        signal: exited.signal,
      },
    );
    await runChecked(join(bin, 'createdb'), [...host, database]);
  } catch (error: unknown) {
    await stop();
    throw error;
  }

  return { url: `postgres://postgres@127.0.0.1:${port}/${database}`, port, database, stop };
}

/** PostgreSQL refuses to run as root, so as root the server runs as the `postgres` system user. */
function serverOwner(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const user = lookupSystemUser('postgres');
  if (!user) {
    throw new Error(
      'running as root, and PostgreSQL refuses to run as root, but there is no `postgres` system user to run it as: ' +
        'install the Debian package postgresql (it creates the user) or run the tests as a normal user.',
    );
  }
  return user;
}
