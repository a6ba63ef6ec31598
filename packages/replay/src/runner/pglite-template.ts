/**
 * A pristine PGlite cluster, made once per host and kept on disk as a data directory. A new PGlite
 * runs initdb, about 3 s of CPU. Loading a dump of the cluster (a tar PGlite unpacks into its
 * in-memory file system) took about 1.2 s here; copying this directory with `cp -r` and opening
 * the copy on the real file system takes about 0.1 s + 0.35 s, since Postgres then reads only the
 * files it needs. The orchestrator makes it (outside the sandbox, where it persists) and hands its
 * path to the runner, which only reads it.
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { chmod, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';

let pending: Promise<string | undefined> | undefined;

/** Default: `<tmpdir>/flashback-cache-<uid>`, readable by the sandbox user. */
export function defaultCacheDir(): string {
  return join(tmpdir(), `flashback-cache-${process.getuid?.() ?? 'user'}`);
}

/**
 * The template's path, making it first if needed; undefined when it cannot be made (the runner
 * then lets PGlite run initdb itself). Safe to call concurrently, also across processes.
 */
export function ensurePgliteTemplate(cacheDir = defaultCacheDir()): Promise<string | undefined> {
  pending ??= make(cacheDir).catch(() => undefined);
  return pending;
}

async function make(cacheDir: string): Promise<string> {
  const dir = join(cacheDir, `pglite-template-${pgliteBuildId()}`);
  if ((await stat(dir).catch(() => undefined))?.isDirectory()) return dir;
  // World-readable: the namespace sandbox runs as an unprivileged user.
  await mkdir(cacheDir, { recursive: true, mode: 0o755 });
  const partial = `${dir}.${process.pid}.partial`;
  await rm(partial, { recursive: true, force: true });
  try {
    const pglite = await PGlite.create({ dataDir: partial });
    await pglite.close();
    await makeWorldReadable(partial);
    await rename(partial, dir);
  } catch (error: unknown) {
    await rm(partial, { recursive: true, force: true });
    // Another process made it meanwhile.
    if ((await stat(dir).catch(() => undefined))?.isDirectory()) return dir;
    throw error;
  }
  return dir;
}

async function makeWorldReadable(dir: string): Promise<void> {
  await chmod(dir, 0o755);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await makeWorldReadable(path);
    else await chmod(path, 0o644);
  }
}

/** Changes whenever the installed PGlite does, so a dump never outlives the build that made it. */
function pgliteBuildId(): string {
  const entry = fileURLToPath(import.meta.resolve('@electric-sql/pglite'));
  const { size, mtimeMs } = statSync(entry);
  return createHash('sha256').update(`${entry}:${size}:${mtimeMs}`).digest('hex').slice(0, 12);
}
