import type { FastifyServerOptions } from 'fastify';
import type { TriagePackage } from '../ingest/triage-contract.js';
import type { ReplayWorkerOptions } from '../orchestrator/replay-worker.js';
import type { ReproductionWorker } from '../queue/reproduction-worker.js';

/** Bounds on what one client may send. */
export interface IngestLimits {
  /** Body size on the wire, compressed or not. Default 4 MiB. */
  maxBodyBytes: number;
  /** Body size after gunzip; stops gzip bombs. Default 16 MiB. */
  maxDecompressedBytes: number;
  /** Packages in one request. Default 500. */
  maxPackagesPerRequest: number;
  /** Nesting of objects and arrays in the document. Default 128 (packages nest values 6 deep). */
  maxJsonDepth: number;
  /** Sustained packages per second per project, per collector process. Default 10,000. */
  packagesPerSecond: number;
  /** Packages a project may send at once after being idle. Default 20,000. */
  burstPackages: number;
}

export const DEFAULT_LIMITS: IngestLimits = {
  maxBodyBytes: 4 << 20,
  maxDecompressedBytes: 16 << 20,
  maxPackagesPerRequest: 500,
  maxJsonDepth: 128,
  packagesPerSecond: 10_000,
  burstPackages: 20_000,
};

/**
 * When SQLite ingest acknowledges: `full` once the packages are on disk (the WAL fsync'd; survives
 * power loss), `normal` once committed (survives a crash of the collector, not of the machine).
 */
export type SqliteSynchronous = 'full' | 'normal';

export interface BuildAppOptions {
  /** `sqlite:<file>`, `sqlite::memory:` or `postgres://…`. Default: `<dataDir>/flashback.db`. */
  database?: string;
  /** Directory of the embedded database and other local state. Default `./.flashback`. */
  dataDir?: string;
  limits?: Partial<IngestLimits>;
  /** Default `full`. */
  sqliteSynchronous?: SqliteSynchronous;
  /** Tier 1 and 2 triage, run inline at ingest. Default: the rules engine. */
  triage?: TriagePackage;
  /** Runs queued reproductions; without one (or `replay`), tier-3 jobs wait in the queue. */
  reproductionWorker?: ReproductionWorker;
  /** Runs queued reproductions with the replay engine and the registered app specs. */
  replay?: Omit<ReplayWorkerOptions, 'storage'>;
  /**
   * Worker threads that decompress, parse, validate and triage ingest bodies. Default: one per core
   * beyond the first, at most two; 0 does it all on the main thread.
   */
  validationWorkers?: number;
  /** Public base URL of the collector, used in DSNs and in the links webhooks send. Default `http://127.0.0.1:4700`. */
  publicUrl?: string;
  /** Directory of the built web UI served at `/`. Default: the `dist` of the installed `@flashback/web`. */
  webRoot?: string;
  /** Fastify logger setting. Default off. */
  logger?: FastifyServerOptions['logger'];
}

export function resolveLimits(limits: Partial<IngestLimits> | undefined): IngestLimits {
  const resolved = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(DEFAULT_LIMITS) as (keyof IngestLimits)[]) {
    const value = limits?.[key];
    if (value === undefined) continue;
    if (!(typeof value === 'number' && Number.isFinite(value) && value > 0)) {
      throw new RangeError(`limits.${key} must be a positive number, got ${String(value)}`);
    }
    resolved[key] = value;
  }
  return resolved;
}

export { DEFAULT_DATA_DIR, DEFAULT_HOST, DEFAULT_PORT } from './defaults.js';
