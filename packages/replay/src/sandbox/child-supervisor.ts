import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { SandboxError } from './errors.js';
import { LineSplitter } from './line-splitter.js';
import { OutputTail } from './output-tail.js';
import type { SandboxResult } from './sandbox-types.js';

export interface SuperviseOptions {
  /** Freshly spawned, with stdout and stderr piped. */
  child: ChildProcess;
  /** `performance.now()` just before the spawn. */
  spawnedAt: number;
  timeLimitMs: number;
  maxOutputBytes: number;
  onStderrLine?: (line: string) => void;
  signal?: AbortSignal;
  /** Stops everything the run started; called at most once, on time limit or abort. */
  stop: () => void;
  /**
   * Runs after the child has exited and before the result is returned, to make sure nothing it
   * started is left (`stopped` tells whether `stop` was called).
   */
  afterExit?: (stopped: boolean) => Promise<void>;
}

export interface Supervised {
  result: SandboxResult;
  aborted: boolean;
}

// After the exit, stdout/stderr close when their last holder is gone. A descendant the driver
// cannot stop (process driver, a grandchild that left the process group) may hold them forever.
const CLOSE_GRACE_MS = 2000;

/**
 * Collects a child's output (bounded), enforces its time limit and abort signal, and resolves
 * once it has exited, `afterExit` is done and its output is complete.
 *
 * @throws SandboxError `FB_SANDBOX_START_FAILED` when the child could not be spawned at all.
 */
export async function supervise(options: SuperviseOptions): Promise<Supervised> {
  const { child } = options;
  const stdout = new OutputTail(options.maxOutputBytes);
  const stderr = new OutputTail(options.maxOutputBytes);
  const lines = options.onStderrLine === undefined ? undefined : new LineSplitter(options.onStderrLine);
  child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr.push(chunk);
    lines?.push(chunk);
  });
  const closed = once(child, 'close');
  closed.catch(() => undefined);
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve, reject) => {
    child.on('error', (error: Error) => {
      // Errors of a running child (a failed kill) change nothing: its exit still comes.
      if (child.pid !== undefined) return;
      const message = `cannot start ${child.spawnfile}: ${error.message}`;
      reject(new SandboxError('FB_SANDBOX_START_FAILED', message, { cause: error }));
    });
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });

  let timedOut = false;
  let aborted = false;
  let stopped = false;
  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    options.stop();
  };
  const timer = setTimeout(() => {
    timedOut = true;
    stop();
  }, options.timeLimitMs);
  const onAbort = (): void => {
    aborted = true;
    stop();
  };
  if (options.signal?.aborted) onAbort();
  else options.signal?.addEventListener('abort', onAbort, { once: true });

  let exit: { code: number | null; signal: string | null };
  try {
    exit = await exited;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
  await options.afterExit?.(stopped);
  const grace = setTimeout(() => {
    for (const stream of child.stdio) stream?.destroy();
  }, CLOSE_GRACE_MS);
  await closed;
  clearTimeout(grace);
  lines?.end();

  const result: SandboxResult = {
    exitCode: exit.code,
    signal: exit.signal,
    timedOut,
    stdout: stdout.text(),
    stderr: stderr.text(),
    durationMs: performance.now() - options.spawnedAt,
  };
  if (stdout.dropped > 0 || stderr.dropped > 0) {
    result.dropped = { stdout: stdout.dropped, stderr: stderr.dropped };
  }
  return { result, aborted };
}
