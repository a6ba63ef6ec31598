import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const compiled = join(here, '../../dist/integrations/local-variables/index.js');

export interface FixtureRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The last JSON line the fixture printed. */
  result: unknown;
  durationMs: number;
}

/**
 * Runs one fixture app in its own Node process against the compiled SDK and returns what it
 * printed. A fixture that does not exit within `timeoutMs` (a pause never resumed) is killed and
 * reported as hung.
 */
export interface FixtureOptions {
  /** Options for `node` itself, before the script. */
  nodeArgs?: string[];
  /** Arguments for the fixture, after the script. */
  args?: string[];
  timeoutMs?: number;
}

export function runFixture(name: string, options: FixtureOptions = {}): Promise<FixtureRun> {
  const { nodeArgs = [], args = [], timeoutMs = 20_000 } = options;
  if (!existsSync(compiled)) {
    throw new Error(`${compiled} is missing: build the SDK first (npx tsc -b packages/node)`);
  }
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, join(here, 'fixtures', name), ...args], {
      cwd: here,
      env: { ...process.env, NODE_OPTIONS: '', FLASHBACK_DEBUG: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(
          `${name} hung for ${timeoutMs} ms (a pause never resumed?)\nstdout: ${stdout}\nstderr: ${stderr}`,
        ),
      );
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      const lines = stdout.trim().split('\n').filter(Boolean);
      const last = lines.at(-1);
      let result: unknown;
      try {
        result = last === undefined ? undefined : JSON.parse(last);
      } catch {
        result = undefined;
      }
      resolve({ code, stdout, stderr, result, durationMs: performance.now() - started });
    });
  });
}
