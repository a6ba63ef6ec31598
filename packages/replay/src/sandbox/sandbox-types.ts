/**
 * One interface for every isolation level. A driver runs one command (the runner) in a
 * disposable environment and reports how it ended; everything inside is gone afterwards.
 */
export type SandboxKind = 'process' | 'namespace' | 'microvm';

export interface SandboxSpec {
  /** argv of the process to run; argv[0] is resolved on PATH inside the sandbox. */
  command: string[];
  cwd: string;
  env: Record<string, string>;
  /** Host paths made visible (read-only unless `writable`) at the same path inside. */
  binds: { path: string; writable?: boolean }[];
  /** A writable, disposable directory; inside the sandbox it appears at the same path. */
  workDir: string;
  /** Extra /etc/hosts entries inside the sandbox: recorded host names → loopback. */
  hosts: Record<string, string>;
  /** Wall-clock limit; the whole process tree is killed past it. */
  timeLimitMs: number;
  /**
   * Memory cap per sandboxed process, in MiB: its writable private memory (heap, anonymous
   * mappings, WebAssembly memory), enforced as `RLIMIT_DATA` by the namespace driver. Not an
   * address-space cap: V8 reserves tens of GiB of address space for WebAssembly guard regions,
   * so any `RLIMIT_AS` low enough to matter stops PGlite from starting. PGlite does not start
   * under 512 MiB; give a runner that serves it 1024 or more. Ignored by the process driver.
   */
  memoryLimitMb?: number;
  /**
   * Max tasks inside, counted as the kernel counts `RLIMIT_NPROC`: every thread counts (a Node
   * process has about a dozen) and so does the sandbox's init. Ignored by the process driver.
   */
  maxProcesses?: number;
  /** Per stream (stdout, stderr): only the last this many bytes are kept. Default 8 MiB. */
  maxOutputBytes?: number;
  /** Called with each line the sandboxed process writes to stderr (progress). */
  onStderrLine?: (line: string) => void;
  /**
   * The same work, started ahead: `command` (with the spec's env, from `/`) loads what it can
   * without the run's input, writes {@link STANDBY_READY_LINE} on stderr, then reads `input` as one
   * line on stdin and goes on as `spec.command` would. A driver that can keep a process warm (the
   * microVM snapshots it) uses it; the others run `spec.command`.
   */
  standby?: StandbySpec;
}

export interface StandbySpec {
  command: string[];
  input: string;
}

/** What a standby process writes on stderr once it waits for its input. */
export const STANDBY_READY_LINE = 'flashback-standby: ready';

export interface SandboxResult {
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  durationMs: number;
  /** Time from spawn until the sandboxed process started running, where the driver can tell. */
  readyMs?: number;
  /** Bytes dropped from the start of each stream to stay within `maxOutputBytes`, when any were. */
  dropped?: { stdout: number; stderr: number };
}

export interface DriverStatus {
  available: boolean;
  /** Why not, or what it runs on (e.g. `bubblewrap 0.8.0`). */
  detail: string;
}

export interface SandboxDriver {
  readonly kind: SandboxKind;
  status(): Promise<DriverStatus>;
  run(spec: SandboxSpec, signal?: AbortSignal): Promise<SandboxResult>;
}
