/**
 * Where a SQLite database of the replay lives. At its recorded path where the sandbox lets the
 * runner write there (the namespace sandbox's private /tmp); otherwise in the work dir, with the
 * app's configuration rewritten to point there, so the host's own file is never touched.
 */
import { constants } from 'node:fs';
import { access, mkdir } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import type { PathMove } from './address-rewrite.js';

export interface SqlitePlacement {
  recorded: string;
  /** Absolute path the replay uses. */
  path: string;
  /** Set when the path differs from the recorded one (the configuration must be rewritten). */
  move?: PathMove;
}

const SQLITE_FILE = /\.(?:db|db3|sqlite|sqlite3)$/i;

/** Env values that name a SQLite file: absolute paths with a SQLite extension. */
export function sqlitePathsInEnv(env: Record<string, string>): string[] {
  return Object.values(env).filter((value) => isAbsolute(value) && SQLITE_FILE.test(value));
}

export async function placeSqlite(
  recorded: string,
  options: { appDir: string; workDir: string; atRecorded: boolean; index: number },
): Promise<SqlitePlacement> {
  const absolute = isAbsolute(recorded) ? recorded : resolve(options.appDir, recorded);
  if (
    options.atRecorded &&
    !absolute.startsWith(`${options.workDir}/`) &&
    (await writableDir(dirname(absolute)))
  ) {
    return { recorded, path: absolute };
  }
  const path = join(options.workDir, 'sqlite', String(options.index), basename(absolute));
  await mkdir(dirname(path), { recursive: true });
  return { recorded, path, move: { from: recorded, to: path } };
}

async function writableDir(dir: string): Promise<boolean> {
  try {
    await mkdir(dir, { recursive: true });
    await access(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
