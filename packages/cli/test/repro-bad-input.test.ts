/**
 * Input `flashback repro` cannot work with, and environments it cannot set up: each ends with a
 * message that says what was wrong, exit code 2, and nothing left running or on disk.
 */
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ErrorPackage } from '@flashback/protocol/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPackage } from '../../replay/test/runner/support/package-builder.js';
import { leftoverProcesses, leftoverWorkDirs } from './support/leftovers.js';
import { type CliRun, runCli } from './support/run-cli.js';

let scratch: string;
let appDir: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'repro-bad-input-'));
  // The namespace sandbox runs as an unprivileged user: the app must be reachable by others.
  await chmod(scratch, 0o755);
  appDir = join(scratch, 'app');
  await mkdir(appDir, { mode: 0o755 });
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function packageFile(name: string, content: string | ErrorPackage): Promise<string> {
  const file = join(scratch, name);
  await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

async function repro(file: string, ...options: string[]): Promise<CliRun> {
  const run = await runCli(['repro', file, '--app', appDir, ...options]);
  expect(leftoverWorkDirs(run.pid), 'work directories left behind').toEqual([]);
  expect(leftoverProcesses(run.pid), 'processes left running').toEqual([]);
  return run;
}

function expectCouldNotRun(run: CliRun, ...messages: string[]): void {
  const output = `${run.stdout}\n${run.stderr}`;
  expect(run.code, output).toBe(2);
  for (const message of messages) expect(output).toContain(message);
}

describe.concurrent('flashback repro refuses bad packages', () => {
  it('a file that is not an error package', async () => {
    const file = await packageFile(
      'malformed.json',
      '{"format":"flashback.error-package/1","id":"not-a-uuid"}',
    );
    const run = await repro(file, '--start', 'node server.js');
    expectCouldNotRun(run, 'is not a valid error package', 'id:');
  });

  it('a truncated package', async () => {
    const whole = JSON.stringify(buildPackage());
    const file = await packageFile('truncated.json', whole.slice(0, Math.floor(whole.length / 2)));
    const run = await repro(file, '--start', 'node server.js');
    expectCouldNotRun(run, 'is not valid JSON', 'the file may be truncated');
  });

  it('a package file that does not exist', async () => {
    const run = await repro(join(scratch, 'missing.json'), '--start', 'node server.js');
    expectCouldNotRun(run, 'cannot read the package', 'no such file');
  });

  it('a package with no trigger', async () => {
    const file = await packageFile('no-trigger.json', buildPackage({ trigger: null }));
    const run = await repro(file, '--start', 'node server.js');
    expectCouldNotRun(run, 'has no trigger', 'nothing to replay');
  });

  it('a command line without the start command', async () => {
    const file = await packageFile('usage.json', buildPackage());
    const run = await runCli(['repro', file, '--app', appDir]);
    expectCouldNotRun(run, 'repro needs --start <command>', 'flashback --help');
  });
});

describe.concurrent.each(['process', 'namespace'])(
  'flashback repro in the %s sandbox, when the app cannot run',
  (sandbox) => {
    it('an app that does not start (its entry is missing)', async () => {
      const file = await packageFile(`missing-entry-${sandbox}.json`, buildPackage());
      const run = await repro(file, '--start', 'node no-such-server.js', '--sandbox', sandbox);
      expectCouldNotRun(
        run,
        'FB_REPRO_APP_EXITED',
        'the app exited with code 1 before it was ready',
        'Cannot find module',
      );
    });

    it('an app that never gets ready', async () => {
      const file = await packageFile(`never-ready-${sandbox}.json`, buildPackage());
      const run = await repro(file, '--start', 'sleep 600', '--timeout', '6s', '--sandbox', sandbox);
      expectCouldNotRun(run, 'FB_REPRO_APP_NOT_READY', 'did not accept connections on port 3000 in time');
    });

    it('a start command that exits at once', async () => {
      const file = await packageFile(`exits-${sandbox}.json`, buildPackage());
      const run = await repro(
        file,
        '--start',
        'echo configuration missing >&2; exit 3',
        '--sandbox',
        sandbox,
      );
      expectCouldNotRun(run, 'the app exited with code 3 before it was ready', 'configuration missing');
    });
  },
);

describe('flashback repro without --sandbox', () => {
  it('picks the namespace sandbox where bubblewrap works, and says so', async () => {
    const file = await packageFile('default-sandbox.json', buildPackage());
    const run = await repro(file, '--start', 'exit 3');
    expectCouldNotRun(run, 'namespace sandbox (bubblewrap', 'the app exited with code 3');
  });
});

describe('flashback repro when the app port is already taken', () => {
  it('by another process on the host (process sandbox)', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    try {
      const file = await packageFile('port-host.json', buildPackage());
      const run = await repro(
        file,
        '--start',
        'node server.js',
        '--port',
        String(port),
        '--sandbox',
        'process',
      );
      expectCouldNotRun(run, 'FB_REPRO_PORT_IN_USE', `port ${port} is already in use`);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('by a recorded dependency the sandbox stands in for (namespace sandbox)', async () => {
    const base = buildPackage();
    const pkg = buildPackage({
      runtime: { ...base.runtime, env: { ...base.runtime.env, REDIS_URL: 'redis://127.0.0.1:6390' } },
    });
    const file = await packageFile('port-dependency.json', pkg);
    const run = await repro(file, '--start', 'node server.js', '--port', '6390', '--sandbox', 'namespace');
    expectCouldNotRun(run, 'FB_REPRO_PORT_IN_USE', 'port 6390 is already in use');
  });
});
