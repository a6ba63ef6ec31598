/**
 * Resource limits of the namespace sandbox take effect inside: memory beyond the cap cannot be
 * allocated, and tasks beyond the cap cannot be created, while the same code without the limits
 * runs fine.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createWorkDir, NamespaceDriver, removeWorkDir } from '../../src/sandbox/index.js';
import { lastJson, makeSpec, nodeCommand } from './support/sandbox-fixtures.js';

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

// Allocates and touches the given number of MiB outside the JS heap; reports success or the error.
const ALLOCATE = `
const mib = Number(process.argv[1]);
try {
  const buffer = Buffer.alloc(mib * 1024 * 1024, 1);
  console.log(JSON.stringify({ allocated: buffer.length / 1024 / 1024 }));
} catch (e) {
  console.log(JSON.stringify({ error: e.name + ': ' + e.message }));
}`;

// Starts up to N `sleep` processes; reports how many started and the first spawn error.
const SPAWN_MANY = `
const { spawn } = require('node:child_process');
const wanted = Number(process.argv[1]);
let started = 0, failed = null, settled = 0;
for (let i = 0; i < wanted; i++) {
  const child = spawn('sleep', ['30'], { stdio: 'ignore' });
  child.on('spawn', () => { started++; done(); });
  child.on('error', (e) => { failed ??= e.code; done(); });
}
function done() {
  if (++settled < wanted) return;
  console.log(JSON.stringify({ started, failed }));
  process.exit(0); // the sleeps die with the sandbox's pid namespace
}`;

describe('namespace sandbox limits', () => {
  test('memory beyond memoryLimitMb cannot be allocated', async () => {
    const capped = await driver.run(
      makeSpec(workDir, { command: nodeCommand(ALLOCATE, '512'), memoryLimitMb: 256 }),
    );
    expect(capped.exitCode, capped.stderr).toBe(0);
    expect(lastJson<{ error?: string }>(capped.stdout).error).toMatch(/RangeError/);

    const within = await driver.run(
      makeSpec(workDir, { command: nodeCommand(ALLOCATE, '64'), memoryLimitMb: 256 }),
    );
    expect(lastJson(within.stdout)).toEqual({ allocated: 64 });

    const uncapped = await driver.run(makeSpec(workDir, { command: nodeCommand(ALLOCATE, '512') }));
    expect(lastJson(uncapped.stdout)).toEqual({ allocated: 512 });
  });

  test('tasks beyond maxProcesses cannot be created', async () => {
    const status = await driver.status();
    // The kernel never applies RLIMIT_NPROC to root; the driver avoids running the sandbox as
    // root wherever unprivileged user namespaces work, and says so in its status otherwise.
    expect(
      status.detail,
      'this host runs sandboxes as root, where maxProcesses cannot be enforced',
    ).not.toMatch(/maxProcesses is not enforced/);
    const capped = await driver.run(
      makeSpec(workDir, { command: nodeCommand(SPAWN_MANY, '80'), maxProcesses: 40 }),
    );
    expect(capped.exitCode, capped.stderr).toBe(0);
    const report = lastJson<{ started: number; failed: string | null }>(capped.stdout);
    expect(report.failed).toBe('EAGAIN');
    // Node's own threads and the sandbox init count against the cap too.
    expect(report.started).toBeLessThan(40);

    const uncapped = await driver.run(makeSpec(workDir, { command: nodeCommand(SPAWN_MANY, '80') }));
    expect(lastJson(uncapped.stdout)).toEqual({ started: 80, failed: null });
  });
});
