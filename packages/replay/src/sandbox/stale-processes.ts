import { readdirSync, readFileSync } from 'node:fs';

/**
 * Kills (SIGKILL) every process whose argv names `path` or something under it, and returns their
 * pids. For the leftovers of a dead orchestrator: an orchestrator killed in the few milliseconds
 * while bwrap sets a sandbox up can leave a sandbox init behind (it had not yet armed
 * --die-with-parent), and bwrap's argv names the sandbox's work directory. Killing the init ends
 * its whole pid namespace. Processes we may not signal are skipped.
 */
export function killProcessesNaming(path: string): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  const killed: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    let argv: string[];
    try {
      argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    if (!argv.some((arg) => arg === path || arg.startsWith(`${path}/`))) continue;
    try {
      process.kill(Number(entry), 'SIGKILL');
      killed.push(Number(entry));
    } catch {
      // gone meanwhile, or not ours
    }
  }
  return killed;
}
