import { debug } from '../debug-logger.js';

/** Tuning of {@link HttpTransport}; the defaults suit a production service. */
export interface HttpTransportOptions {
  /** Where packages wait while the collector is unreachable. */
  spoolDir: string;
  /** How long a package waits for others to share its request. Default 1000 ms. */
  batchDelayMs?: number;
  /** A batch is sent at once when it reaches this many packages (default 50)… */
  maxBatchPackages?: number;
  /** …or this many bytes of JSON before gzip (default 1 MiB). */
  maxBatchBytes?: number;
  /** Bounds of the in-memory queue; beyond them packages are dropped and counted. Default 100. */
  maxQueueLength?: number;
  /** Default 8 MiB. */
  maxQueueBytes?: number;
  /** Tries per batch before it goes to the spool. Default 5. */
  maxAttempts?: number;
  /** First backoff step; doubles per attempt. Default 500 ms. */
  retryBaseMs?: number;
  /** Longest backoff step, also between probes of an unreachable collector. Default 30 s. */
  retryMaxMs?: number;
  /** Deadline of one request. Default 10 s. */
  requestTimeoutMs?: number;
  /** Bounds of the spool directory. Default 500 files, 64 MiB. */
  maxSpoolFiles?: number;
  maxSpoolBytes?: number;
  /** Source of backoff jitter, in [0, 1). */
  random?: () => number;
}

/** Options with every default filled in. */
export type HttpTransportSettings = Required<Omit<HttpTransportOptions, 'spoolDir'>>;

const DEFAULTS: HttpTransportSettings = {
  batchDelayMs: 1000,
  maxBatchPackages: 50,
  maxBatchBytes: 1 << 20,
  maxQueueLength: 100,
  maxQueueBytes: 8 << 20,
  maxAttempts: 5,
  retryBaseMs: 500,
  retryMaxMs: 30_000,
  requestTimeoutMs: 10_000,
  maxSpoolFiles: 500,
  maxSpoolBytes: 64 << 20,
  random: Math.random,
};

/** Fills in defaults; a value that is not a positive number is reported in debug and replaced by its default. */
export function resolveHttpTransportOptions(options: HttpTransportOptions): HttpTransportSettings {
  const settings: HttpTransportSettings = { ...DEFAULTS };
  for (const key of Object.keys(DEFAULTS) as (keyof HttpTransportSettings)[]) {
    const value = options[key];
    if (value === undefined) continue;
    if (key === 'random') {
      if (typeof value === 'function') settings.random = value;
      continue;
    }
    if (typeof value === 'number' && value > 0 && !Number.isNaN(value)) settings[key] = value;
    else debug.warn(`ignoring transport option ${key}=${String(value)}: expected a positive number`);
  }
  return settings;
}
