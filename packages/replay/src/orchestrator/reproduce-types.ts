import type { OffRecordPolicy } from '../runner/job-types.js';
import type { ProgressStep } from '../runner/progress-line.js';
import type { SandboxDriver, SandboxKind } from '../sandbox/sandbox-types.js';

/** One line of progress, with the time since `reproduce` was called. */
export interface ReproProgress {
  step: ProgressStep;
  message: string;
  elapsedMs: number;
}

export interface ReproduceOptions {
  /** Which sandbox; default `auto`: namespace where bubblewrap works, else process (with a note). */
  sandbox?: SandboxKind | 'auto';
  /** A driver to use instead of the built-in one for `sandbox`. */
  driver?: SandboxDriver;
  /** Wall-clock limit of the whole run inside the sandbox; default 60 000. */
  timeLimitMs?: number;
  /** How long the app may take to get ready; default 30 000 (within the time limit). */
  readyTimeoutMs?: number;
  /** Scale of recorded latencies for the stubs (1 = as recorded). */
  latencyScale?: number;
  /** Per-process memory cap inside the namespace sandbox, MiB; default 4096 (PGlite needs ≥ 512). */
  memoryLimitMb?: number;
  /** Task cap inside the namespace sandbox (threads count); default 2048. */
  maxProcesses?: number;
  /** How calls the recording lacks are answered (runs against fixed code); default: refused. */
  offRecord?: OffRecordPolicy;
  /** Path of `@flashback/node/register`; default: the app's own, else the one beside Flashback. */
  sdkRegister?: string;
  onProgress?: (event: ReproProgress) => void;
  signal?: AbortSignal;
}
