import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  decodeAndValidate,
  type IngestHeaders,
  type ValidatedBatch,
  type ValidationLimits,
} from './decode-and-validate.js';
import type { TriagePackage } from './triage-contract.js';
import { fromTransferredError, type ValidationReply, type ValidationRequest } from './validation-messages.js';

interface Pending {
  resolve: (batch: ValidatedBatch) => void;
  reject: (error: Error) => void;
}

interface PooledWorker {
  worker: Worker;
  pending: Map<number, Pending>;
}

const WORKER_FILE = new URL('./validation-worker.js', import.meta.url);

/**
 * Where ingest bodies are decompressed, parsed, validated and triaged. Those steps are most of
 * what a package costs and need nothing from the database, so they run in worker threads while the
 * main thread handles HTTP and storage: on a 2-core machine the collector then uses both cores.
 * Workers send back the package text and a few fields, not the parsed package, since copying an
 * object graph between threads costs as much as parsing it.
 *
 * The same `decodeAndValidate` runs inline with `size` 0, with a triage other than the built-in
 * rules (a function cannot be sent to a worker), or when running from TypeScript sources (tests),
 * where there is no compiled worker file to start.
 */
export class ValidationPool {
  private readonly workers: PooledWorker[] = [];
  private nextId = 1;
  private closed = false;

  /** @param triage the built-in rules when undefined; anything else runs inline */
  constructor(
    size: number,
    private readonly triage: TriagePackage | undefined,
  ) {
    if (size <= 0 || triage !== undefined || !existsSync(fileURLToPath(WORKER_FILE))) return;
    for (let i = 0; i < size; i++) this.workers.push(this.spawn());
  }

  /** Worker threads in use; 0 means validation runs on the main thread. */
  get size(): number {
    return this.workers.length;
  }

  run(raw: Buffer, headers: IngestHeaders, limits: ValidationLimits): Promise<ValidatedBatch> {
    const target = this.leastBusy();
    if (!target) return this.runInline(raw, headers, limits);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      target.pending.set(id, { resolve, reject });
      const request: ValidationRequest = { id, raw, headers, limits };
      target.worker.postMessage(request);
    });
  }

  private async runInline(
    raw: Buffer,
    headers: IngestHeaders,
    limits: ValidationLimits,
  ): Promise<ValidatedBatch> {
    // Loaded on first use, so that a pool of workers never loads the rules on the main thread.
    const triage = this.triage ?? (await import('../triage/index.js')).triagePackage;
    return decodeAndValidate(raw, headers, limits, triage);
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map(({ worker }) => worker.terminate()));
  }

  private leastBusy(): PooledWorker | undefined {
    let best: PooledWorker | undefined;
    for (const candidate of this.workers) {
      if (!best || candidate.pending.size < best.pending.size) best = candidate;
    }
    return best;
  }

  private spawn(): PooledWorker {
    const pooled: PooledWorker = { worker: new Worker(WORKER_FILE), pending: new Map() };
    pooled.worker.unref();
    pooled.worker.on('message', (reply: ValidationReply) => {
      const waiting = pooled.pending.get(reply.id);
      if (!waiting) return;
      pooled.pending.delete(reply.id);
      if (reply.ok) waiting.resolve(reply.batch);
      else waiting.reject(fromTransferredError(reply.error));
    });
    // A worker that dies fails what it held, and a fresh one takes its place.
    const replace = (error: Error) => {
      for (const waiting of pooled.pending.values()) waiting.reject(error);
      pooled.pending.clear();
      const index = this.workers.indexOf(pooled);
      if (index >= 0 && !this.closed) this.workers[index] = this.spawn();
    };
    pooled.worker.on('error', replace);
    pooled.worker.on('exit', (code) => replace(new Error(`a validation worker exited with code ${code}`)));
    return pooled;
  }
}
