import { randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SandboxSpec } from '../../../src/sandbox/index.js';

/** argv running `code` in the host's own Node, with `args` after it (`process.argv.slice(1)`). */
export function nodeCommand(code: string, ...args: string[]): string[] {
  return [process.execPath, '-e', code, ...args];
}

/** A spec with a fresh work directory (also the cwd) and the smallest environment. */
export function makeSpec(workDir: string, overrides: Partial<SandboxSpec> = {}): SandboxSpec {
  return {
    command: ['true'],
    cwd: workDir,
    env: { PATH: '/usr/local/bin:/usr/bin:/bin' },
    binds: [],
    workDir,
    hosts: {},
    timeLimitMs: 20_000,
    ...overrides,
  };
}

/** A unique argument that lets a test find the processes it started in `/proc`. */
export function newMarker(): string {
  return `flashback-marker-${randomUUID()}`;
}

/** Pids of live (non-zombie) processes whose command line contains `marker`. */
export function processesWithMarker(marker: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      // A zombie's command line reads as empty: it has exited.
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(marker)) pids.push(Number(entry));
    } catch {
      // exited while we looked
    }
  }
  return pids;
}

/** The executable name of a process (`/proc/<pid>/comm`), or undefined once it is gone. */
export function commandName(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** Resolves once `condition()` holds, checking every 10 ms; rejects with `what` after `timeoutMs`. */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * A scratch parent directory for work directories, so tests never sweep each other's. Searchable
 * by others, as the default parent is: a root orchestrator's sandbox runs as another user.
 */
export function scratchDir(prefix: string): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), `${prefix}-`));
  chmodSync(path, 0o755);
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** The last line of `stdout` parsed as JSON: the sandboxed scripts report that way. */
export function lastJson<T>(stdout: string): T {
  const line = stdout.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(line) as T;
  } catch {
    throw new Error(`expected a JSON line at the end of stdout, got:\n${stdout}`);
  }
}
