/**
 * File system isolation of the namespace sandbox, proven from inside: the host is read-only, the
 * work directory is the one writable host path and what is written there comes out, and /tmp and
 * /dev/shm are private and gone after the run.
 */
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createWorkDir, NamespaceDriver, removeWorkDir } from '../../src/sandbox/index.js';
import { lastJson, makeSpec, newMarker, nodeCommand } from './support/sandbox-fixtures.js';

const driver = new NamespaceDriver();
const repoRoot = resolve(import.meta.dirname, '../../../..');
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

// Tries each write and prints { path: "written" or error code } as one JSON line.
const WRITE_ALL = `
const fs = require('node:fs');
const results = {};
for (const path of JSON.parse(process.argv[1])) {
  try { fs.writeFileSync(path, 'written from the sandbox'); results[path] = 'written'; }
  catch (e) { results[path] = e.code; }
}
console.log(JSON.stringify(results));
`;

describe('namespace sandbox file system', () => {
  test('cannot write to the host outside its work directory and tmpfs', async () => {
    const name = newMarker();
    const targets = {
      etc: `/etc/${name}`,
      repo: join(repoRoot, name),
      node_modules: join(repoRoot, 'node_modules', name),
      usr: `/usr/local/${name}`,
      root: `/root/${name}`,
    };
    const result = await driver.run(
      makeSpec(workDir, { command: nodeCommand(WRITE_ALL, JSON.stringify(Object.values(targets))) }),
    );
    expect(result.exitCode, result.stderr).toBe(0);
    const outcomes = lastJson<Record<string, string>>(result.stdout);
    expect(outcomes[targets.etc]).toBe('EROFS');
    expect(outcomes[targets.repo]).toBe('EROFS');
    expect(outcomes[targets.node_modules]).toBe('EROFS');
    expect(outcomes[targets.usr]).toBe('EROFS');
    // /root is 0700: a sandbox running as an unprivileged user is stopped even before the
    // read-only mount would be reached; one running as root hits the read-only mount.
    expect(['EROFS', 'EACCES']).toContain(outcomes[targets.root]);
    for (const path of Object.values(targets))
      expect(existsSync(path), `${path} exists on the host`).toBe(false);
  });

  test('can read the repository and its node_modules, which the runner needs', async () => {
    const code = `
const pkg = require(${JSON.stringify(join(repoRoot, 'package.json'))});
console.log(JSON.stringify({ name: pkg.name, vitest: require.resolve('vitest', { paths: [${JSON.stringify(repoRoot)}] }) }));`;
    const result = await driver.run(makeSpec(workDir, { command: nodeCommand(code), cwd: repoRoot }));
    expect(result.exitCode, result.stderr).toBe(0);
    const report = lastJson<{ name: string; vitest: string }>(result.stdout);
    expect(report.name).toBe('flashback');
    expect(report.vitest.startsWith(join(repoRoot, 'node_modules'))).toBe(true);
  });

  test('writes to the work directory come out; /tmp and /dev/shm stay inside and are gone afterwards', async () => {
    const name = newMarker();
    const hostTmpFile = join(tmpdir(), `${name}-host`);
    writeFileSync(hostTmpFile, 'host only');
    try {
      const code = `
const fs = require('node:fs');
const [workDir, name, hostTmpFile] = process.argv.slice(1);
fs.writeFileSync(workDir + '/verdict.json', JSON.stringify({ verdict: 'reproduced' }));
fs.writeFileSync('/tmp/' + name, 'private');
fs.writeFileSync('/dev/shm/' + name, 'private');
console.log(JSON.stringify({
  tmpWritable: fs.readFileSync('/tmp/' + name, 'utf8') === 'private',
  hostTmpVisible: fs.existsSync(hostTmpFile),
}));`;
      const first = await driver.run(
        makeSpec(workDir, { command: nodeCommand(code, workDir, name, hostTmpFile) }),
      );
      expect(first.exitCode, first.stderr).toBe(0);
      expect(lastJson(first.stdout)).toEqual({ tmpWritable: true, hostTmpVisible: false });
      expect(JSON.parse(readFileSync(join(workDir, 'verdict.json'), 'utf8'))).toEqual({
        verdict: 'reproduced',
      });
      expect(existsSync(`/tmp/${name}`)).toBe(false);
      expect(existsSync(`/dev/shm/${name}`)).toBe(false);

      const peek = `const fs = require('node:fs'); console.log(JSON.stringify([fs.existsSync('/tmp/' + process.argv[1]), fs.existsSync('/dev/shm/' + process.argv[1])]))`;
      const second = await driver.run(makeSpec(workDir, { command: nodeCommand(peek, name) }));
      expect(lastJson(second.stdout), "a later sandbox sees the earlier one's /tmp").toEqual([false, false]);
    } finally {
      await removeWorkDir(hostTmpFile);
    }
  });

  test('binds are read-only unless writable, at the same path', async () => {
    const shared = await createWorkDir();
    const output = await createWorkDir();
    try {
      // Read-only binds must be readable by the sandbox user; createWorkDir makes them 0700.
      chmodSync(shared, 0o755);
      writeFileSync(join(shared, 'fixture.json'), '{"rows":1}');
      const targets = [join(shared, 'new-file'), join(output, 'result.txt')];
      const code = `${WRITE_ALL}; console.error(require('node:fs').readFileSync(${JSON.stringify(join(shared, 'fixture.json'))}, 'utf8'))`;
      const result = await driver.run(
        makeSpec(workDir, {
          command: nodeCommand(code, JSON.stringify(targets)),
          binds: [{ path: shared }, { path: output, writable: true }],
        }),
      );
      expect(result.stderr.trim()).toBe('{"rows":1}');
      expect(lastJson(result.stdout)).toEqual({
        [join(shared, 'new-file')]: 'EROFS',
        [join(output, 'result.txt')]: 'written',
      });
      expect(readFileSync(join(output, 'result.txt'), 'utf8')).toBe('written from the sandbox');
    } finally {
      await removeWorkDir(shared);
      await removeWorkDir(output);
    }
  });

  test.runIf(process.getuid?.() === 0)(
    'names a path the unprivileged sandbox user could not read',
    async () => {
      const secret = await createWorkDir();
      try {
        const run = driver.run(makeSpec(workDir, { binds: [{ path: secret }] }));
        await expect(run).rejects.toMatchObject({
          code: 'FB_SANDBOX_PATH_NOT_ACCESSIBLE',
          message: expect.stringContaining(secret),
        });
      } finally {
        await removeWorkDir(secret);
      }
    },
  );

  test('cannot gain privileges back: no capabilities but binding low ports, no new user namespaces', async () => {
    const code = `
const fs = require('node:fs');
const status = fs.readFileSync('/proc/self/status', 'utf8');
const field = (name) => status.match(new RegExp(name + ':\\\\s*(\\\\S+)'))[1];
const unshare = require('node:child_process').spawnSync('unshare', ['--user', 'true'], { encoding: 'utf8' });
console.log(JSON.stringify({ capEff: field('CapEff'), noNewPrivs: field('NoNewPrivs'), seccomp: field('Seccomp'), unshare: unshare.status, unshareError: unshare.stderr.trim() }));`;
    const result = await driver.run(makeSpec(workDir, { command: nodeCommand(code) }));
    const report = lastJson<{
      capEff: string;
      noNewPrivs: string;
      seccomp: string;
      unshare: number;
      unshareError: string;
    }>(result.stdout);
    expect(report.capEff).toBe('0000000000000400'); // CAP_NET_BIND_SERVICE only
    expect(report.noNewPrivs).toBe('1');
    expect(report.seccomp).toBe('2');
    expect(report.unshare).not.toBe(0);
    expect(report.unshareError).toMatch(/Operation not permitted/);
  });
});
