/** A fingerprint of the files that make an image: equal fingerprints, equal images. */
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Hashes, for every file under each path, its path, type, mode, size, modification time and
 * (symlinks) target. Reading the contents of a few hundred MiB on every run would cost seconds;
 * any edit, install or checkout changes a file's size or time, which is what invalidates.
 */
export function fingerprintTrees(paths: readonly string[], extra: readonly string[] = []): string {
  const hash = createHash('sha256');
  for (const text of extra) hash.update(`extra\0${text}\0`);
  const walk = (path: string): void => {
    const info = lstatSync(path, { throwIfNoEntry: false });
    if (info === undefined) {
      hash.update(`missing\0${path}\0`);
      return;
    }
    hash.update(`${path}\0${info.mode}\0${info.size}\0${info.mtimeMs}\0`);
    if (info.isSymbolicLink()) hash.update(`${readlinkSync(path)}\0`);
    else if (info.isDirectory()) for (const name of readdirSync(path).sort()) walk(join(path, name));
  };
  for (const path of paths) walk(path);
  return hash.digest('hex').slice(0, 24);
}

/** Bytes of regular files and number of entries under `paths` (for sizing a file system). */
export function treeSize(paths: readonly string[]): { bytes: number; entries: number } {
  let bytes = 0;
  let entries = 0;
  const walk = (path: string): void => {
    const info = lstatSync(path, { throwIfNoEntry: false });
    if (info === undefined) return;
    entries++;
    if (info.isDirectory()) for (const name of readdirSync(path)) walk(join(path, name));
    else if (info.isFile()) bytes += info.size;
  };
  for (const path of paths) walk(path);
  return { bytes, entries };
}
