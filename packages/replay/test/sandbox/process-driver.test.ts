/**
 * The process driver with real child processes: exactly the given environment, exit codes and
 * signals as they happened, the time limit enforced on the whole process group, progress lines,
 * bounded output, abort, and the work directory's life.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createWorkDir, ProcessDriver, removeWorkDir } from '../../src/sandbox/index.js';
import {
  lastJson,
  makeSpec,
  newMarker,
  nodeCommand,
  processesWithMarker,
  scratchDir,
} from './support/sandbox-fixtures.js';

const driver = new ProcessDriver({ killGraceMs: 300 });
let workDir: string;

beforeEach(async () => {
  workDir = await createWorkDir();
});
afterEach(async () => {
  await removeWorkDir(workDir);
});

// Runs forever; its child, in the same process group, ignores SIGTERM. "started" on stderr once
// both run.
const FOREVER_WITH_STUBBORN_CHILD = `
const { spawn } = require('node:child_process');
const child = spawn(process.execPath, ['-e', 'process.on("SIGTERM", () => {}); setInterval(() => {}, 1000)', process.argv[1]], { stdio: 'ignore' });
child.on('spawn', () => console.error('started'));
setInterval(() => {}, 1000);
`;

describe('process driver', () => {
  test('is always available', async () => {
    expect(await driver.status()).toMatchObject({
      available: true,
      detail: expect.stringContaining('no isolation'),
    });
  });

  test('gives the command exactly the spec environment and cwd', async () => {
    process.env.FLASHBACK_TEST_HOST_ONLY = 'leaked';
    try {
      const code = `console.log(JSON.stringify({ env: process.env, cwd: process.cwd() }))`;
      const result = await driver.run(
        makeSpec(workDir, { command: nodeCommand(code), env: { APP_MODE: 'replay', PATH: '/usr/bin:/bin' } }),
      );
      const report = lastJson<{ env: Record<string, string>; cwd: string }>(result.stdout);
      expect(report.env).toEqual({ APP_MODE: 'replay', PATH: '/usr/bin:/bin' });
      expect(report.cwd).toBe(workDir);
    } finally {
      delete process.env.FLASHBACK_TEST_HOST_ONLY;
    }
  });

  test('reports exit codes and signals as they happened', async () => {
    const exited = await driver.run(
      makeSpec(workDir, { command: ['sh', '-c', 'echo out; echo err >&2; exit 3'] }),
    );
    expect(exited).toMatchObject({
      exitCode: 3,
      signal: null,
      timedOut: false,
      stdout: 'out\n',
      stderr: 'err\n',
    });
    expect(exited.readyMs).toBeGreaterThan(0);

    const killed = await driver.run(
      makeSpec(workDir, { command: nodeCommand(`process.kill(process.pid, 'SIGKILL')`) }),
    );
    expect(killed).toMatchObject({ exitCode: null, signal: 'SIGKILL', timedOut: false });
  });

  test('at the time limit, stops the whole process group: SIGTERM, then SIGKILL for what ignores it', async () => {
    const marker = newMarker();
    let started = false;
    const result = await driver.run(
      makeSpec(workDir, {
        command: nodeCommand(FOREVER_WITH_STUBBORN_CHILD, marker),
        timeLimitMs: 1000,
        onStderrLine: (line) => {
          if (line === 'started') started = true;
        },
      }),
    );
    expect(started, result.stderr).toBe(true);
    expect(result.timedOut).toBe(true);
    expect(result.signal).toBe('SIGTERM');
    expect(processesWithMarker(marker), 'processes of the group survived').toEqual([]);
  });

  test('abort stops the group and rejects with FB_SANDBOX_ABORTED', async () => {
    const marker = newMarker();
    const controller = new AbortController();
    const run = driver.run(
      makeSpec(workDir, {
        command: nodeCommand(FOREVER_WITH_STUBBORN_CHILD, marker),
        onStderrLine: (line) => {
          if (line === 'started') controller.abort();
        },
      }),
      controller.signal,
    );
    await expect(run).rejects.toMatchObject({ code: 'FB_SANDBOX_ABORTED' });
    expect(processesWithMarker(marker)).toEqual([]);
  });

  test('passes stderr line by line, including a last line without newline', async () => {
    const lines: string[] = [];
    await driver.run(
      makeSpec(workDir, {
        command: ['sh', '-c', 'printf "fixtures ready\\nstubs ready\\r\\napp " >&2; printf "started" >&2'],
        onStderrLine: (line) => lines.push(line),
      }),
    );
    expect(lines).toEqual(['fixtures ready', 'stubs ready', 'app started']);
  });

  test('keeps only the end of a long output, and says how much was dropped', async () => {
    const code = `process.stdout.write('x'.repeat(100000) + '\\n{"verdict":"reproduced"}\\n')`;
    const result = await driver.run(makeSpec(workDir, { command: nodeCommand(code), maxOutputBytes: 1000 }));
    expect(result.stdout.length).toBe(1000);
    expect(lastJson(result.stdout)).toEqual({ verdict: 'reproduced' });
    expect(result.dropped).toEqual({ stdout: 100026 - 1000, stderr: 0 });
  });

  test('a command that cannot be spawned fails with FB_SANDBOX_START_FAILED', async () => {
    await expect(
      driver.run(makeSpec(workDir, { command: ['/nonexistent/flashback-runner'] })),
    ).rejects.toMatchObject({
      code: 'FB_SANDBOX_START_FAILED',
    });
  });

  test('rejects a malformed spec before starting anything', async () => {
    await expect(driver.run(makeSpec(workDir, { command: [], timeLimitMs: 0 }))).rejects.toMatchObject({
      code: 'FB_SANDBOX_INVALID_SPEC',
      message: expect.stringMatching(/command is empty.*timeLimitMs/),
    });
  });

  test('creates a missing work directory and removes it afterwards; leaves an existing one', async () => {
    const parent = scratchDir('flashback-process-workdir');
    try {
      const fresh = join(parent.path, 'fresh');
      const result = await driver.run(makeSpec(fresh, { command: ['sh', '-c', 'touch inside && ls'] }));
      expect(result.stdout).toBe('inside\n');
      expect(existsSync(fresh)).toBe(false);

      await driver.run(makeSpec(workDir, { command: ['touch', 'verdict.json'] }));
      expect(existsSync(join(workDir, 'verdict.json'))).toBe(true);
    } finally {
      parent.remove();
    }
  });
});
