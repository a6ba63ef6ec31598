/** Keeps the image cache bounded: each image with its snapshots takes a few hundred MiB. */
import { readdir, rm, stat, utimes } from 'node:fs/promises';
import { join } from 'node:path';

/** How many images are kept; the least recently used go first. */
export const IMAGES_KEPT = 4;

/** Marks an image as just used. */
export async function touchImage(dir: string): Promise<void> {
  const now = new Date();
  await utimes(dir, now, now).catch(() => undefined);
}

/** Removes all but the `keep` most recently used images under `cacheDir` (never `current`). */
export async function pruneImages(cacheDir: string, current: string, keep = IMAGES_KEPT): Promise<void> {
  const names = await readdir(cacheDir).catch(() => [] as string[]);
  const images: { dir: string; used: number }[] = [];
  for (const name of names) {
    if (!/^[0-9a-f]{24}$/.test(name)) continue;
    const dir = join(cacheDir, name);
    const info = await stat(dir).catch(() => undefined);
    if (info !== undefined)
      images.push({ dir, used: dir === current ? Number.POSITIVE_INFINITY : info.mtimeMs });
  }
  images.sort((a, b) => b.used - a.used);
  for (const { dir } of images.slice(keep)) await rm(dir, { recursive: true, force: true });
}
