/**
 * A pristine PGlite cluster, made once per host and kept on disk. A new PGlite runs initdb,
 * about 3 s of CPU; one loaded from this dump starts in about 0.5 s, which is most of what a
 * reproduction's fixture step costs. The orchestrator makes it (outside the sandbox, where it
 * persists) and hands its path to the runner, which only reads it.
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { chmod, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
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
  const file = join(cacheDir, `pglite-template-${pgliteBuildId()}.tar`);
  if ((await stat(file).catch(() => undefined))?.isFile()) return file;
  // World-readable: the namespace sandbox runs as an unprivileged user.
  await mkdir(cacheDir, { recursive: true, mode: 0o755 });
  const pglite = await PGlite.create();
  try {
    const dump = await pglite.dumpDataDir('none');
    const partial = `${file}.${process.pid}.partial`;
    await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
    await chmod(partial, 0o644);
    await rename(partial, file).catch(async (error: unknown) => {
      await rm(partial, { force: true });
      throw error;
    });
  } finally {
    await pglite.close();
  }
  return file;
}

/** Changes whenever the installed PGlite does, so a dump never outlives the build that made it. */
function pgliteBuildId(): string {
  const entry = fileURLToPath(import.meta.resolve('@electric-sql/pglite'));
  const { size, mtimeMs } = statSync(entry);
  return createHash('sha256').update(`${entry}:${size}:${mtimeMs}`).digest('hex').slice(0, 12);
}
