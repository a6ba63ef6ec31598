/**
 * What a reproduction could leave behind: processes and work directories. Work directories are
 * named `<orchestrator pid>-…` under the sandbox work parent; the runner has its job path on its
 * command line and the app has it in its environment (FLASHBACK_OUTPUT_DIR), so one marker
 * finds them all.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { defaultWorkDirParent } from '@flashback/replay';

export function leftoverWorkDirs(orchestratorPid: number): string[] {
  try {
    return readdirSync(defaultWorkDirParent()).filter((name) => name.startsWith(`${orchestratorPid}-`));
  } catch {
    return [];
  }
}

/** Pids of live processes whose command line or environment mentions a work dir of that orchestrator. */
export function leftoverProcesses(orchestratorPid: number): number[] {
  const marker = `${defaultWorkDirParent()}/${orchestratorPid}-`;
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    for (const file of ['cmdline', 'environ']) {
      try {
        if (readFileSync(`/proc/${entry}/${file}`, 'latin1').includes(marker)) {
          found.push(Number(entry));
          break;
        }
      } catch {
        // Gone meanwhile, or not ours to read.
      }
    }
  }
  return found;
}
