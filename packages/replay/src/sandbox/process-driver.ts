import { spawn } from 'node:child_process';
import { supervise } from './child-supervisor.js';
import { abortedError } from './errors.js';
import { signalGroup, waitForGroupGone } from './process-group.js';
import type { DriverStatus, SandboxDriver, SandboxResult, SandboxSpec } from './sandbox-types.js';
import { DEFAULT_MAX_OUTPUT_BYTES, validateSpec } from './spec-validate.js';
import { prepareWorkDir, removeWorkDir } from './work-dir.js';

// Bounds the wait for a SIGKILLed group to be gone (reaped); normally a few milliseconds.
const GROUP_TEARDOWN_MS = 5000;

export interface ProcessDriverOptions {
  /** Between SIGTERM and SIGKILL when the time limit is reached; default 2000 ms. */
  killGraceMs?: number;
}

/**
 * The `process` driver: the command runs as a plain child process leading its own process group,
 * with exactly the spec's environment. No isolation: `hosts`, `binds` and the resource limits are
 * not applied, the host's network and file system are all reachable, and a descendant that leaves
 * the process group, or outlives an orchestrator killed with SIGKILL, is not stopped. For
 * development, where the runner redirects dependencies by configuration instead.
 */
export class ProcessDriver implements SandboxDriver {
  readonly kind = 'process' as const;
  readonly #killGraceMs: number;

  constructor(options: ProcessDriverOptions = {}) {
    this.#killGraceMs = options.killGraceMs ?? 2000;
  }

  async status(): Promise<DriverStatus> {
    return { available: true, detail: `child process, no isolation (node ${process.version})` };
  }

  async run(spec: SandboxSpec, signal?: AbortSignal): Promise<SandboxResult> {
    validateSpec(spec);
    if (signal?.aborted) throw abortedError(signal);
    const createdWorkDir = await prepareWorkDir(spec.workDir);
    try {
      return await this.#run(spec, signal);
    } finally {
      if (createdWorkDir) await removeWorkDir(spec.workDir);
    }
  }

  async #run(spec: SandboxSpec, signal: AbortSignal | undefined): Promise<SandboxResult> {
    const [file, ...args] = spec.command as [string, ...string[]];
    const spawnedAt = performance.now();
    const child = spawn(file, args, {
      cwd: spec.cwd,
      env: spec.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let readyMs: number | undefined;
    child.once('spawn', () => {
      readyMs = performance.now() - spawnedAt;
    });
    let killTimer: NodeJS.Timeout | undefined;
    const { result, aborted } = await supervise({
      child,
      spawnedAt,
      timeLimitMs: spec.timeLimitMs,
      maxOutputBytes: spec.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES,
      onStderrLine: spec.onStderrLine,
      signal,
      stop: () => {
        const pgid = child.pid;
        if (pgid === undefined || !signalGroup(pgid, 'SIGTERM')) return;
        killTimer = setTimeout(() => signalGroup(pgid, 'SIGKILL'), this.#killGraceMs);
      },
      afterExit: async () => {
        clearTimeout(killTimer);
        // The leader is gone; whatever it left in its group goes with it.
        if (child.pid !== undefined && signalGroup(child.pid, 'SIGKILL')) {
          await waitForGroupGone(child.pid, GROUP_TEARDOWN_MS);
        }
      },
    });
    if (aborted) throw abortedError(signal);
    if (readyMs !== undefined) result.readyMs = readyMs;
    return result;
  }
}
