/**
 * Nothing outlives a namespace sandbox: not at its time limit, not on abort, not when the
 * orchestrator that started it is killed with SIGKILL; and a sandbox that cannot be set up says
 * why instead of reporting the command's exit.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import {
  createWorkDir,
  NamespaceDriver,
  removeWorkDir,
  sweepStaleWorkDirs,
} from '../../src/sandbox/index.js';
import {
  commandName,
  makeSpec,
  newMarker,
  nodeCommand,
  processesWithMarker,
  scratchDir,
  waitFor,
} from './support/sandbox-fixtures.js';

const driver = new NamespaceDriver();
let workDir: string;

beforeAll(async () => {
  const status = await driver.status();
  expect(status.available, `namespace sandbox unavailable: ${status.detail}`).toBe(true);
});
beforeEach(async () => {
  workDir = await createWorkDir();
});
afterEach(async () => {
  await removeWorkDir(workDir);
});

// Runs forever, with a grandchild that ignores SIGTERM and leaves the process group; says
// "started" on stderr once the grandchild runs.
const FOREVER = `
const { spawn } = require('node:child_process');
const child = spawn(process.execPath, ['-e', 'process.on("SIGTERM", () => {}); setInterval(() => {}, 1000)', process.argv[1]],
  { stdio: 'ignore', detached: true });
child.on('spawn', () => console.error('started'));
setInterval(() => {}, 1000);
`;

describe('namespace sandbox lifetime', () => {
  test('is killed at its time limit with every process inside', async () => {
    const marker = newMarker();
    let started = false;
    const result = await driver.run(
      makeSpec(workDir, {
        command: nodeCommand(FOREVER, marker),
        timeLimitMs: 1500,
        onStderrLine: (line) => {
          if (line === 'started') started = true;
        },
      }),
    );
    expect(started, `the grandchild never started: ${result.stderr}`).toBe(true);
    expect(result.timedOut).toBe(true);
    expect(result.signal).toBe('SIGKILL');
    expect(result.durationMs).toBeGreaterThanOrEqual(1500);
    expect(processesWithMarker(marker), 'processes of the sandbox survived').toEqual([]);
  });

  test('a time limit that falls while the sandbox is still being set up leaves nothing either', async () => {
    // Killing bwrap between its starting the sandbox init and the init arming --die-with-parent
    // would leave the init to run the command; these limits land in and around that window.
    for (const timeLimitMs of [1, 2, 3, 4, 5, 6, 8, 10, 15]) {
      const marker = newMarker();
      const result = await driver.run(
        makeSpec(workDir, { command: nodeCommand('setInterval(() => {}, 1000)', marker), timeLimitMs }),
      );
      expect(result.timedOut).toBe(true);
      expect(processesWithMarker(marker), `processes survived a ${timeLimitMs} ms limit`).toEqual([]);
    }
  });

  test('abort stops every process inside and rejects with FB_SANDBOX_ABORTED', async () => {
    const marker = newMarker();
    const controller = new AbortController();
    const run = driver.run(
      makeSpec(workDir, {
        command: nodeCommand(FOREVER, marker),
        onStderrLine: (line) => {
          if (line === 'started') controller.abort(new Error('user cancelled'));
        },
      }),
      controller.signal,
    );
    await expect(run).rejects.toMatchObject({ code: 'FB_SANDBOX_ABORTED' });
    expect(processesWithMarker(marker)).toEqual([]);
  });

  test('an orchestrator killed with SIGKILL leaves no sandboxed process, and its work directory is swept', async () => {
    const dist = resolve(import.meta.dirname, '../../dist/sandbox/index.js');
    expect(existsSync(dist), 'build first: npx tsc -b packages/replay').toBe(true);
    const parent = scratchDir('flashback-orchestrator-test');
    const marker = newMarker();
    const orchestrator = spawn(
      process.execPath,
      [join(import.meta.dirname, 'support/orchestrator.mjs'), parent.path, marker],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    try {
      const running = await new Promise<string>((resolveLine, reject) => {
        let out = '';
        orchestrator.stdout.setEncoding('utf8');
        orchestrator.stdout.on('data', (text: string) => {
          out += text;
          const match = /RUNNING (\S+)\n/.exec(out);
          if (match?.[1] !== undefined) resolveLine(match[1]);
        });
        orchestrator.once('exit', (code) => reject(new Error(`orchestrator exited early (${code})`)));
      });
      // The marker is in the argv of the orchestrator, of bwrap, and of the two Node processes
      // inside the sandbox.
      const sandboxed = processesWithMarker(marker).filter(
        (pid) => pid !== orchestrator.pid && commandName(pid) === 'node',
      );
      expect(sandboxed.length).toBe(2);
      expect(existsSync(running)).toBe(true);

      orchestrator.kill('SIGKILL');
      await waitFor(
        () => processesWithMarker(marker).length === 0,
        'the sandboxed processes to die with their orchestrator',
      );

      expect(await sweepStaleWorkDirs({ parentDir: parent.path })).toEqual([running]);
      expect(readdirSync(parent.path)).toEqual([]);
    } finally {
      if (orchestrator.exitCode === null && orchestrator.signalCode === null) orchestrator.kill('SIGKILL');
      parent.remove();
    }
  });

  test("a sandbox that cannot be set up fails with FB_SANDBOX_START_FAILED and bwrap's reason", async () => {
    // A host directory under /tmp exists for the host, but not inside, where /tmp is a fresh tmpfs.
    const hidden = scratchDir('flashback-hidden-cwd');
    try {
      const run = driver.run(makeSpec(workDir, { cwd: hidden.path }));
      await expect(run).rejects.toMatchObject({
        code: 'FB_SANDBOX_START_FAILED',
        message: expect.stringContaining(`could not be set up: bwrap: Can't chdir to ${hidden.path}`),
      });
    } finally {
      hidden.remove();
    }
  });

  test('creates a missing work directory for the run and removes it afterwards', async () => {
    const parent = scratchDir('flashback-fresh-workdir');
    const fresh = join(parent.path, 'made-by-the-driver');
    try {
      const script = `echo kept > ${fresh}/inside.txt && cat ${fresh}/inside.txt`;
      const result = await driver.run(makeSpec(fresh, { command: ['sh', '-c', script] }));
      expect(result.stdout).toBe('kept\n');
      expect(existsSync(fresh)).toBe(false);
    } finally {
      parent.remove();
    }
  });

  test('reports how long the sandbox took to be ready, and exit codes as the command gave them', async () => {
    const result = await driver.run(makeSpec(workDir, { command: ['sh', '-c', 'exit 7'] }));
    expect(result.exitCode).toBe(7);
    expect(result.timedOut).toBe(false);
    expect(result.readyMs).toBeGreaterThan(0);
    expect(result.readyMs).toBeLessThan(result.durationMs);
  });
});
