import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createWorkDir, removeWorkDir, sweepStaleWorkDirs } from '../../src/sandbox/index.js';
import { processStartTicks } from '../../src/sandbox/process-liveness.js';
import { scratchDir } from './support/sandbox-fixtures.js';

let parent: ReturnType<typeof scratchDir>;
beforeEach(() => {
  parent = scratchDir('flashback-workdir-test');
});
afterEach(() => {
  parent.remove();
});

/** The pid of a process that has come and gone. */
function deadPid(): number {
  const child = spawnSync('sh', ['-c', 'echo $$'], { encoding: 'utf8' });
  return Number(child.stdout.trim());
}

describe('work directories', () => {
  test('are private, under the parent, and named after the process that made them', async () => {
    const path = await createWorkDir({ parentDir: parent.path });
    expect(path.startsWith(`${parent.path}/`)).toBe(true);
    expect(path.slice(parent.path.length + 1)).toMatch(
      new RegExp(`^${process.pid}-${processStartTicks(process.pid)}-[0-9a-f]{12}$`),
    );
    expect(statSync(path).mode & 0o777).toBe(0o700);
    expect(await createWorkDir({ parentDir: parent.path })).not.toBe(path);
  });

  test('removeWorkDir removes one with its contents, and a missing one quietly', async () => {
    const path = await createWorkDir({ parentDir: parent.path });
    mkdirSync(join(path, 'nested/deeper'), { recursive: true });
    await removeWorkDir(path);
    await removeWorkDir(path);
    expect(readdirSync(parent.path)).toEqual([]);
  });

  test('sweeping removes the directories of gone processes only', async () => {
    const mine = await createWorkDir({ parentDir: parent.path });
    const ticks = processStartTicks(process.pid);
    const ofDeadProcess = join(parent.path, `${deadPid()}-12345-aaaaaaaaaaaa`);
    // Same pid as a live process but another start time: the pid was reused since.
    const ofReusedPid = join(parent.path, `${process.pid}-${Number(ticks) - 1}-bbbbbbbbbbbb`);
    const unrelated = join(parent.path, 'notes');
    for (const dir of [ofDeadProcess, ofReusedPid, unrelated]) mkdirSync(dir);

    const removed = await sweepStaleWorkDirs({ parentDir: parent.path });
    expect(removed.sort()).toEqual([ofDeadProcess, ofReusedPid].sort());
    expect(readdirSync(parent.path).sort()).toEqual([mine.slice(parent.path.length + 1), 'notes'].sort());
  });

  test('sweeping kills a process still naming a stale directory (a sandbox orphaned during set-up)', async () => {
    const stale = join(parent.path, `${deadPid()}-12345-cccccccccccc`);
    mkdirSync(stale);
    // Stands in for an orphaned bwrap, whose argv names the work directory it binds.
    const orphan = spawn('sh', ['-c', 'sleep 60', stale], { stdio: 'ignore' });
    const exited = new Promise((resolve) => orphan.once('exit', (_, signal) => resolve(signal)));
    await new Promise((resolve) => orphan.once('spawn', resolve));

    expect(await sweepStaleWorkDirs({ parentDir: parent.path })).toEqual([stale]);
    expect(await exited).toBe('SIGKILL');
  });

  test('sweeping a parent that does not exist finds nothing', async () => {
    expect(await sweepStaleWorkDirs({ parentDir: join(parent.path, 'never-made') })).toEqual([]);
  });

  test('refuses a parent that is not a directory of ours', async () => {
    const planted = join(parent.path, 'planted');
    symlinkSync('/etc', planted);
    await expect(createWorkDir({ parentDir: planted })).rejects.toMatchObject({ code: 'FB_SANDBOX_WORKDIR' });
  });
});
