import { mkdirSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ErrorPackage } from '@flashback/protocol/types';
import { debug } from '../debug-logger.js';
import { writeFileAtomic, writeFileAtomicSync } from './atomic-write.js';
import { serializePackage } from './package-json.js';
import { settleWithin } from './settle-within.js';
import type { Transport } from './types.js';

/** Tuning of {@link FileTransport}. */
export interface FileTransportOptions {
  /** Writes allowed in flight at once; beyond it packages are dropped, so a storm cannot exhaust memory. */
  maxPendingWrites?: number;
}

/**
 * Writes each package as `<dir>/<id>.json` (pretty JSON), atomically: a reader never sees a
 * half-written package. Works with no collector at all.
 */
export class FileTransport implements Transport {
  /** Writes in flight, with their content so that `sendSync` can finish them in a dying process. */
  private readonly pending = new Map<Promise<void>, { path: string; data: string }>();
  private readonly maxPendingWrites: number;
  private directoryReady: Promise<void> | undefined;
  private closed = false;
  /** Packages not written: too many writes in flight, closed, or an IO error. */
  dropped = 0;

  constructor(
    private readonly dir: string,
    options: FileTransportOptions = {},
  ) {
    this.maxPendingWrites = options.maxPendingWrites ?? 100;
  }

  send(pkg: ErrorPackage): void {
    try {
      if (this.closed || this.pending.size >= this.maxPendingWrites) {
        this.drop(
          this.closed ? 'the transport is closed' : `${this.pending.size} writes are already pending`,
        );
        return;
      }
      const serialized = serializePackage(pkg, 2);
      if (!serialized) {
        this.drop('it could not be serialized');
        return;
      }
      const path = this.pathFor(serialized.id);
      const data = `${serialized.json}\n`;
      const write = this.ensureDirectory()
        .then(() => writeFileAtomic(path, data))
        .then(
          () => debug.log(`wrote package ${serialized.id} to ${path}`),
          (error: unknown) => this.drop(`writing ${path} failed`, error),
        )
        .finally(() => this.pending.delete(write));
      this.pending.set(write, { path, data });
    } catch (error) {
      this.drop('of an unexpected error', error);
    }
  }

  sendSync(pkg: ErrorPackage): void {
    try {
      const serialized = serializePackage(pkg, 2);
      if (!serialized) {
        this.drop('it could not be serialized');
        return;
      }
      mkdirSync(this.dir, { recursive: true });
      writeFileAtomicSync(this.pathFor(serialized.id), `${serialized.json}\n`);
    } catch (error) {
      this.drop(`writing it to ${this.dir} failed`, error);
    }
    // No later tick will finish the writes in flight; an identical file written twice is harmless.
    for (const { path, data } of this.pending.values()) {
      try {
        writeFileAtomicSync(path, data);
      } catch (error) {
        // Not counted here: the write in flight counts its own outcome.
        debug.warn(`writing ${path} synchronously failed`, error);
      }
    }
  }

  flush(timeoutMs: number): Promise<boolean> {
    if (this.pending.size === 0) return Promise.resolve(true);
    return settleWithin(Promise.allSettled([...this.pending.keys()]), timeoutMs);
  }

  close(timeoutMs: number): Promise<boolean> {
    this.closed = true;
    return this.flush(timeoutMs);
  }

  private pathFor(id: string): string {
    return join(this.dir, `${id}.json`);
  }

  private ensureDirectory(): Promise<void> {
    // Retried after a failure, since the directory may become creatable later.
    this.directoryReady ??= mkdir(this.dir, { recursive: true }).then(
      () => undefined,
      (error: unknown) => {
        this.directoryReady = undefined;
        throw error;
      },
    );
    return this.directoryReady;
  }

  private drop(why: string, error?: unknown): void {
    this.dropped++;
    debug.warn(`file output: dropped a package because ${why} (${this.dropped} dropped so far)`, error);
  }
}
