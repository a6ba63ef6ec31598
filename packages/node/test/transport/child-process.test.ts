import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertTransportBuilt } from './support/built-sdk.js';
import { httpTransport, track } from './support/http-transport-fixture.js';
import { makePackage } from './support/make-package.js';
import { startStubCollector, unusedPort } from './support/stub-collector.js';
import { jsonFiles, tempDir } from './support/temp-dirs.js';
import { waitUntil } from './support/wait-until.js';

const childScript = (name: string): string => fileURLToPath(new URL(`./support/${name}`, import.meta.url));

function runChild(
  script: string,
  env: Record<string, string>,
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [childScript(script)], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

beforeAll(() => assertTransportBuilt());

describe('transport in a real process', () => {
  it('persists synchronously in a process that exits right after sendSync, and a later transport delivers it', async () => {
    const port = await unusedPort();
    const spoolDir = tempDir('spool');
    const outputDir = tempDir('out');
    const queued = makePackage({ message: 'still queued' });
    const fatal = makePackage({ message: 'about to die' });

    const { code, stderr } = await runChild('send-sync-child.mjs', {
      FB_DSN: `http://test-key@127.0.0.1:${port}/checkout`,
      FB_OUTPUT_DIR: outputDir,
      FB_SPOOL_DIR: spoolDir,
      FB_QUEUED: JSON.stringify(queued),
      FB_FATAL: JSON.stringify(fatal),
    });

    expect(code, stderr).toBe(1);
    expect(JSON.parse(readFileSync(join(outputDir, `${fatal.id}.json`), 'utf8'))).toEqual(fatal);
    expect(JSON.parse(readFileSync(join(outputDir, `${queued.id}.json`), 'utf8'))).toEqual(queued);
    expect(jsonFiles(spoolDir)).toHaveLength(2);

    const collector = track(await startStubCollector({ port }));
    httpTransport(collector.dsn, { spoolDir });
    await waitUntil('the spool to be delivered and emptied', () => jsonFiles(spoolDir).length === 0);
    expect(collector.receivedIds().sort()).toEqual([queued.id, fatal.id].sort());
    expect(collector.requests.flatMap((request) => request.packages ?? [])).toContainEqual(fatal);
  });

  it.each(['unreachable', 'hanging'])(
    'never keeps a finished process alive while the collector is %s',
    async (state) => {
      const collector = track(await startStubCollector());
      if (state === 'hanging') collector.reply = () => 'hang';
      else await collector.close();
      const started = performance.now();

      const { code, stderr } = await runChild('send-and-leave-child.mjs', {
        FB_DSN: collector.dsn,
        FB_SPOOL_DIR: tempDir('spool'),
        FB_PACKAGE: JSON.stringify(makePackage()),
      });

      expect(code, stderr).toBe(0);
      // Default settings: retries over seconds, a 10 s request deadline; none of it may hold the process.
      expect(performance.now() - started).toBeLessThan(3000);
      if (state === 'hanging') expect(collector.requests).toHaveLength(1);
    },
  );

  it.skipIf(!hasOpenssl())('delivers to an https DSN', async () => {
    const dir = tempDir('tls');
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1'].concat([
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ]),
      { stdio: 'ignore' },
    );
    const collector = track(
      await startStubCollector({ tls: { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') } }),
    );
    const pkg = makePackage();

    const { code, stderr } = await runChild('send-and-flush-child.mjs', {
      NODE_EXTRA_CA_CERTS: cert,
      FB_DSN: collector.dsn,
      FB_SPOOL_DIR: tempDir('spool'),
      FB_PACKAGE: JSON.stringify(pkg),
    });

    expect(code, stderr).toBe(0);
    expect(collector.dsn.startsWith('https://')).toBe(true);
    expect(collector.requests[0]?.headers['x-flashback-key']).toBe('test-key');
    expect(collector.receivedIds()).toEqual([pkg.id]);
  });
});

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
