/**
 * Materialises a PostgreSQL fixture database into a PGlite started from a copy of the on-disk
 * template cluster (see `pglite-template.ts`), skipping initdb. The loading itself is the
 * fixtures' own.
 */
import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access, cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import type { FixtureDatabase } from '../fixtures/fixture-types.js';
import { planLoad } from '../fixtures/load-plan.js';
import { pgliteExecutor } from '../fixtures/pg-executor.js';
import { loadPostgres } from '../fixtures/pg-load.js';

export interface TemplatedPglite {
  pglite: PGlite;
  /** The copy of the template it runs on; removed by `close()`. */
  dataDir: string;
  close(): Promise<void>;
}

/** Started ahead by a standby runner (see `startWarmPglite`), for the first fixture database. */
let warm: { templateDir: string; started: Promise<TemplatedPglite> } | undefined;

export async function materializeFromTemplate(
  db: FixtureDatabase,
  templateDir: string,
): Promise<TemplatedPglite> {
  const ahead = warm?.templateDir === templateDir ? warm.started : undefined;
  if (ahead !== undefined) warm = undefined;
  // A warm start that failed is retried the ordinary way.
  const started = await (ahead?.catch(() => startFromTemplate(templateDir)) ??
    startFromTemplate(templateDir));
  try {
    await loadPostgres(pgliteExecutor(started.pglite), planLoad(db));
  } catch (error: unknown) {
    await started.close().catch(() => undefined);
    throw error;
  }
  return started;
}

/**
 * Starts an empty database from the template now, for the next `materializeFromTemplate` of the
 * same template to take: what a standby runner does before its job arrives.
 * @returns its data directory
 */
export async function startWarmPglite(templateDir: string): Promise<string> {
  const started = startFromTemplate(templateDir);
  warm = { templateDir, started };
  return (await started).dataDir;
}

async function startFromTemplate(templateDir: string): Promise<TemplatedPglite> {
  const scratch = await mkdtemp(join(await memoryBackedTmp(), 'flashback-pgdata-'));
  const dataDir = join(scratch, 'pgdata');
  const removeCopy = () => rm(scratch, { recursive: true, force: true });
  let pglite: PGlite | undefined;
  try {
    await copyDirectory(templateDir, dataDir);
    pglite = await PGlite.create({ dataDir });
    // The first query loads the array types, which the executor's type parsers are built from.
    await pglite.query('SELECT 1');
  } catch (error: unknown) {
    await pglite?.close().catch(() => undefined);
    await removeCopy();
    throw error;
  }
  const opened = pglite;
  return {
    pglite: opened,
    dataDir,
    async close() {
      await opened.close();
      await removeCopy();
    },
  };
}

/**
 * Postgres syncs its files as it starts: on a disk that costs more than the copy saves (measured
 * here: 2.1 s against 1.4 s for the tar), in memory it gains (1.0 s against 1.4 s). The namespace
 * sandbox's /tmp is memory already; elsewhere /dev/shm is, where it can be written.
 */
async function memoryBackedTmp(): Promise<string> {
  try {
    await access('/dev/shm', constants.W_OK);
    return '/dev/shm';
  } catch {
    return tmpdir();
  }
}

/** `cp -r` is several times faster than `fs.cp` over a cluster's ~1,000 files; `fs.cp` where it is missing. */
async function copyDirectory(from: string, to: string): Promise<void> {
  try {
    await promisify(execFile)('cp', ['-r', from, to]);
  } catch (error: unknown) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await cp(from, to, { recursive: true });
  }
}
