import { mkdirSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { debug } from '../debug-logger.js';
import { isTempFile, writeFileAtomic, writeFileAtomicSync } from './atomic-write.js';
import { isSafeId, type SerializedPackage } from './package-json.js';

/** One spooled package: `<dir>/<13-digit epoch ms>-<id>.json`, so names sort oldest first. */
export interface SpoolEntry {
  id: string;
  name: string;
  bytes: number;
  /** Write order within this process; 0 for files found on disk. */
  seq: number;
}

/** Bounds of the spool directory; a write beyond them is refused. */
export interface SpoolLimits {
  maxFiles: number;
  maxBytes: number;
}

/** How a spool write ended. */
export type SpoolWriteResult = 'written' | 'present' | 'full' | 'failed';

const ENTRY_NAME = /^(\d{13})-(.+)\.json$/;
/** Temp files older than this were left by a process that died mid-write. */
const STALE_TEMP_MS = 10 * 60 * 1000;

/**
 * Packages waiting on disk while the collector is unreachable, bounded in files and bytes. The
 * directory is shared with earlier runs (and other processes of the same service), so `scan()`
 * re-reads it rather than trusting memory.
 */
export class SpoolStore {
  private index = new Map<string, SpoolEntry>();
  private totalBytes = 0;
  private writes = 0;
  private directoryMade = false;

  constructor(
    readonly dir: string,
    private readonly limits: SpoolLimits,
  ) {}

  /** Packages known to be spooled (as of the last scan, plus this process's writes since). */
  get size(): number {
    return this.index.size;
  }

  has(id: string): boolean {
    return this.index.has(id);
  }

  /** Re-reads the directory; returns the spooled packages, oldest first. */
  async scan(): Promise<SpoolEntry[]> {
    const startedAt = this.writes;
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
        debug.warn(`cannot read the spool ${this.dir}`, error);
      names = [];
    }
    const found = new Map<string, SpoolEntry>();
    for (const name of names.sort()) {
      if (isTempFile(name)) {
        await this.removeStaleTemp(name);
        continue;
      }
      const id = ENTRY_NAME.exec(name)?.[2];
      if (!isSafeId(id) || found.has(id)) continue;
      const known = this.index.get(id);
      if (known?.name === name) {
        found.set(id, known);
        continue;
      }
      const bytes = await stat(join(this.dir, name)).then(
        (stats) => stats.size,
        () => undefined,
      );
      if (bytes !== undefined) found.set(id, { id, name, bytes, seq: 0 });
    }
    // Keep what this process wrote while the directory was being read.
    for (const entry of this.index.values())
      if (entry.seq > startedAt && !found.has(entry.id)) found.set(entry.id, entry);
    this.index = found;
    this.totalBytes = [...found.values()].reduce((sum, entry) => sum + entry.bytes, 0);
    return [...found.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  async write(item: SerializedPackage): Promise<SpoolWriteResult> {
    const verdict = this.admit(item);
    if (verdict) return verdict;
    const name = entryName(item.id);
    try {
      if (!this.directoryMade) await mkdir(this.dir, { recursive: true });
      this.directoryMade = true;
      await writeFileAtomic(join(this.dir, name), item.json);
    } catch (error) {
      debug.warn(`cannot spool package ${item.id} to ${this.dir}`, error);
      return 'failed';
    }
    return this.record(item, name);
  }

  /** Synchronous twin of {@link write}, for a dying process. */
  writeSync(item: SerializedPackage): SpoolWriteResult {
    const verdict = this.admit(item);
    if (verdict) return verdict;
    const name = entryName(item.id);
    try {
      mkdirSync(this.dir, { recursive: true });
      writeFileAtomicSync(join(this.dir, name), item.json);
    } catch (error) {
      debug.warn(`cannot spool package ${item.id} to ${this.dir}`, error);
      return 'failed';
    }
    return this.record(item, name);
  }

  /**
   * Reads a spooled package back. `corrupt` (not JSON, or not the package its name says) removes
   * the file, since it would be refused forever; `missing` means another process took it.
   */
  async read(entry: SpoolEntry): Promise<SerializedPackage | 'missing' | 'corrupt'> {
    let json: string;
    try {
      json = await readFile(join(this.dir, entry.name), 'utf8');
    } catch {
      this.forget(entry);
      return 'missing';
    }
    try {
      const parsed: unknown = JSON.parse(json);
      if ((parsed as { id?: unknown } | null)?.id === entry.id)
        return { id: entry.id, json, bytes: Buffer.byteLength(json) };
    } catch {
      // falls through to removal
    }
    debug.warn(`removing ${entry.name} from the spool: it is not a readable package`);
    await this.remove(entry);
    return 'corrupt';
  }

  /** Deletes a spooled package by entry, or by id when this process knows its file. */
  async remove(target: SpoolEntry | string): Promise<void> {
    const entry = typeof target === 'string' ? this.index.get(target) : target;
    if (!entry) return;
    try {
      await rm(join(this.dir, entry.name), { force: true });
      this.forget(entry);
    } catch (error) {
      debug.warn(`cannot remove ${entry.name} from the spool`, error);
    }
  }

  private admit(item: SerializedPackage): SpoolWriteResult | undefined {
    if (this.index.has(item.id)) return 'present';
    if (this.index.size >= this.limits.maxFiles || this.totalBytes + item.bytes > this.limits.maxBytes)
      return 'full';
    return undefined;
  }

  private record(item: SerializedPackage, name: string): SpoolWriteResult {
    this.index.set(item.id, { id: item.id, name, bytes: item.bytes, seq: ++this.writes });
    this.totalBytes += item.bytes;
    return 'written';
  }

  private forget(entry: SpoolEntry): void {
    if (this.index.get(entry.id)?.name !== entry.name) return;
    this.index.delete(entry.id);
    this.totalBytes -= entry.bytes;
  }

  private async removeStaleTemp(name: string): Promise<void> {
    const path = join(this.dir, name);
    try {
      if (Date.now() - (await stat(path)).mtimeMs > STALE_TEMP_MS) await rm(path, { force: true });
    } catch {
      // gone already, or not ours to remove
    }
  }
}

function entryName(id: string): string {
  return `${String(Date.now()).padStart(13, '0')}-${id}.json`;
}
