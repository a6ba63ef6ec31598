import { type FileHandle, open } from 'node:fs/promises';
import path from 'node:path';

/**
 * Makes SQLite commits durable without holding the event loop. The connection runs with
 * `synchronous = NORMAL`: a commit writes its WAL frames and returns, safe against a crash of the
 * process but not of the machine. `sync()` then flushes the WAL file to disk from the thread pool
 * (what `synchronous = FULL` would have done inside the commit, blocking the loop for the whole
 * fsync). A flush already running may have started before the caller's commit, so a caller needs
 * one that starts after it. Up to two run at once, so a commit rarely waits for more than one
 * flush time; beyond that, one more is queued and shared by every caller arriving meanwhile.
 */
export class WalSync {
  private handle: Promise<FileHandle> | undefined;
  private readonly running = new Set<Promise<void>>();
  private queued: Promise<void> | undefined;
  private directorySynced = false;

  constructor(
    private readonly databaseFile: string,
    private readonly maxConcurrentFlushes = 2,
  ) {}

  /** Resolves once every commit made before the call is on disk. */
  sync(): Promise<void> {
    if (this.queued) return this.queued;
    if (this.running.size < this.maxConcurrentFlushes) return this.start();
    const slotFreed = Promise.race([...this.running].map((run) => run.catch(() => {})));
    this.queued = slotFreed.then(() => {
      this.queued = undefined;
      return this.start();
    });
    return this.queued;
  }

  /** Current size of the WAL file in bytes (0 before the first write). */
  async walSize(): Promise<number> {
    try {
      return (await (await this.openWal()).stat()).size;
    } catch {
      return 0;
    }
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.running, this.queued]);
    const handle = await this.handle?.catch(() => undefined);
    this.handle = undefined;
    await handle?.close();
  }

  private start(): Promise<void> {
    const run: Promise<void> = this.flush().finally(() => this.running.delete(run));
    this.running.add(run);
    return run;
  }

  private async openWal(): Promise<FileHandle> {
    this.handle ??= open(`${this.databaseFile}-wal`, 'r');
    try {
      return await this.handle;
    } catch (error) {
      this.handle = undefined;
      throw error;
    }
  }

  private async flush(): Promise<void> {
    await (await this.openWal()).datasync();
    if (!this.directorySynced) {
      // The WAL file is new at first use; its directory entry must reach the disk too.
      const directory = await open(path.dirname(path.resolve(this.databaseFile)), 'r');
      try {
        await directory.sync();
      } finally {
        await directory.close();
      }
      this.directorySynced = true;
    }
  }
}
