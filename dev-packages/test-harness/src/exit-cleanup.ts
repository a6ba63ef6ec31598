import { rmSync } from 'node:fs';

/**
 * Last-resort cleanup when the test process ends without calling `stop()` (a
 * failed `beforeAll`, a crashed or interrupted worker): child processes are
 * killed and temp directories removed, so no server outlives the test run.
 */
const pids = new Set<number>();
const dirs = new Set<string>();
let installed = false;

function cleanup(): void {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  pids.clear();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs.clear();
}

function install(): void {
  if (installed) return;
  installed = true;
  process.once('exit', cleanup);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = () => {
      cleanup();
      // With no other listener, keep the default behaviour of the signal: terminate.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    };
    process.once(signal, onSignal);
  }
}

export function killOnExit(pid: number): () => void {
  install();
  pids.add(pid);
  return () => pids.delete(pid);
}

export function removeOnExit(dir: string): () => void {
  install();
  dirs.add(dir);
  return () => dirs.delete(dir);
}
