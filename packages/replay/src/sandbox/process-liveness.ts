import { readdirSync, readFileSync } from 'node:fs';

/**
 * A process's start time in clock ticks since boot (`/proc/<pid>/stat`, field 22), which with the
 * pid names one process for good: pids are reused, (pid, start time) pairs are not.
 * `undefined` where there is no `/proc` or no such process.
 */
export function processStartTicks(pid: number): string | undefined {
  return readStat(pid)?.startTicks;
}

/**
 * Whether the process `pid` (started at `startTicks`, when known) is still running. A zombie
 * counts as gone: it has exited and holds nothing but its exit status.
 */
export function isProcessAlive(pid: number, startTicks?: string): boolean {
  const stat = readStat(pid);
  if (stat === undefined) {
    if (hasProcfs()) return false;
    return signalZeroSucceeds(pid);
  }
  if (stat.state === 'Z' || stat.state === 'X') return false;
  return startTicks === undefined || startTicks === stat.startTicks;
}

/**
 * Resolves once `isProcessAlive(pid, startTicks)` is false, checking every `intervalMs`, or
 * rejects after `timeoutMs`. Used where no event announces the end (a process that is not
 * our child, such as a sandbox's init after bubblewrap was killed).
 */
export async function waitForProcessGone(
  pid: number,
  startTicks: string | undefined,
  timeoutMs: number,
  intervalMs = 2,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (isProcessAlive(pid, startTicks)) {
    if (performance.now() > deadline) throw new Error(`process ${pid} still running after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/**
 * The pids of the children of `pid`: from `/proc/<pid>/task/<pid>/children` where the kernel
 * offers it (CONFIG_PROC_CHILDREN), else by scanning every process's parent. Empty without /proc.
 */
export function childPids(pid: number): number[] {
  try {
    const listed = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
    return listed === '' ? [] : listed.split(' ').map(Number);
  } catch {
    // no such file: scan instead
  }
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  return entries.filter((entry) => /^\d+$/.test(entry) && readStat(Number(entry))?.ppid === pid).map(Number);
}

interface Stat {
  state: string;
  ppid: number;
  startTicks: string;
}

function readStat(pid: number): Stat | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) is parenthesised and may itself hold spaces and parentheses.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const state = fields[0];
  const startTicks = fields[19];
  if (state === undefined || startTicks === undefined) return undefined;
  return { state, ppid: Number(fields[1]), startTicks };
}

let procfs: boolean | undefined;
function hasProcfs(): boolean {
  procfs ??= readStat(process.pid) !== undefined;
  return procfs;
}

function signalZeroSucceeds(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error: unknown) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
