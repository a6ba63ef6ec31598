/**
 * A standby process in the microVM snapshot: started once before the snapshot is saved, it is the
 * same process (same pid, same state computed before the snapshot) in every restored run, gets the
 * run's input on stdin, sees the run's files and fresh clock, and its output and work-directory
 * files come back as a spawned command's would.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import {
  createWorkDir,
  MicrovmDriver,
  removeWorkDir,
  type SandboxSpec,
  STANDBY_READY_LINE,
} from '../../../src/sandbox/index.js';
import { microvmAvailable } from './microvm-support.js';

// A fixed directory, so that the guest image (keyed by its files) is reused across runs.
const scratch = fileURLToPath(new URL('./guest-files', import.meta.url));

// Before its input: computes a value and notes the time. After: reads the file named by its input.
const STANDBY = `
const loadedAt = Date.now();
const token = require('node:crypto').createHash('sha256').update('loaded before the snapshot').digest('hex').slice(0, 16);
process.stderr.write(${JSON.stringify(STANDBY_READY_LINE)} + '\\n');
let input = '';
process.stdin.setEncoding('utf8').on('data', (d) => (input += d)).on('end', () => {
  const file = input.trim();
  const sent = require('node:fs').readFileSync(file, 'utf8').trim();
  require('node:fs').writeFileSync(require('node:path').join(require('node:path').dirname(file), 'answer.txt'), 'from standby ' + sent);
  console.log(JSON.stringify({ pid: process.pid, token, loadedAt, now: Date.now(), sent }));
});
`;

const SPAWNED = `console.log(JSON.stringify({ pid: process.pid, spawned: true }))`;

async function runWithStandby(driver: MicrovmDriver, withStandby: boolean) {
  const workDir = await createWorkDir();
  try {
    const inputFile = join(workDir, 'input.txt');
    await writeFile(inputFile, `run ${workDir}\n`);
    const spec: SandboxSpec = {
      command: [process.execPath, '-e', SPAWNED],
      cwd: workDir,
      env: { PATH: '/usr/bin:/bin' },
      binds: [{ path: scratch }],
      workDir,
      hosts: {},
      timeLimitMs: 180_000,
      ...(withStandby ? { standby: { command: [process.execPath, '-e', STANDBY], input: inputFile } } : {}),
    };
    const result = await driver.run(spec);
    const answer = await readFile(join(workDir, 'answer.txt'), 'utf8').catch(() => undefined);
    return {
      result,
      answer,
      workDir,
      lastRun: driver.lastRun,
      line: JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '{}'),
    };
  } finally {
    await removeWorkDir(workDir);
  }
}

describe.runIf(await microvmAvailable())('microvm sandbox: standby process', () => {
  test('every restore hands its input to the one process loaded before the snapshot', async () => {
    const driver = new MicrovmDriver();
    const first = await runWithStandby(driver, true);
    const second = await runWithStandby(driver, true);
    for (const run of [first, second]) {
      expect(run.result.exitCode, run.result.stderr).toBe(0);
      expect(run.lastRun).toMatchObject({ start: 'restored', standby: true });
      expect(run.line.sent).toBe(`run ${run.workDir}`);
      expect(run.answer).toBe(`from standby run ${run.workDir}`);
      // The guest clock was set for this run, after the process had loaded.
      expect(run.line.now).toBeGreaterThan(run.line.loadedAt);
      expect(Math.abs(run.line.now - Date.now())).toBeLessThan(60_000);
    }
    expect(second.line.pid).toBe(first.line.pid);
    expect(second.line.token).toBe(first.line.token);
    expect(second.line.loadedAt).toBe(first.line.loadedAt);
  }, 400_000);

  test('a run without a standby spawns its command, as before', async () => {
    const run = await runWithStandby(new MicrovmDriver(), false);
    expect(run.result.exitCode, run.result.stderr).toBe(0);
    expect(run.lastRun).toMatchObject({ standby: false });
    expect(run.line).toMatchObject({ spawned: true });
    expect(run.answer).toBeUndefined();
  }, 400_000);
});
