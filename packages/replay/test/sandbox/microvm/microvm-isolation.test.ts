/**
 * Isolation of the microvm sandbox, checked from inside the guest: loopback-only network, a file
 * system of its own, writes that never reach the host except through the work directory, fresh
 * randomness and identity on every restore of the same snapshot, and nothing left behind.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createWorkDir, MicrovmDriver, removeWorkDir, type SandboxSpec } from '../../../src/sandbox/index.js';
import { microvmAvailable } from './microvm-support.js';

// A fixed directory, so that the guest image (keyed by its files) is reused across runs.
const scratch = fileURLToPath(new URL('./guest-files', import.meta.url));
let server: Server;
let hostAddress: string;
const driver = new MicrovmDriver();

beforeAll(async () => {
  server = createServer((socket) => socket.end('host service\n'));
  await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
  hostAddress =
    Object.values(networkInterfaces())
      .flat()
      .find((i) => i?.family === 'IPv4' && !i.internal)?.address ?? '10.0.2.2';
});

afterAll(async () => {
  server.close();
});

async function runInGuest(code: string, extra: Partial<SandboxSpec> = {}) {
  const workDir = await createWorkDir();
  try {
    await writeFile(join(workDir, 'input.txt'), 'sent in\n');
    const result = await driver.run({
      command: [process.execPath, '-e', code],
      cwd: workDir,
      env: { PATH: '/usr/bin:/bin' },
      binds: [{ path: scratch }],
      workDir,
      hosts: { 'payments.internal': '127.0.0.1' },
      timeLimitMs: 120_000,
      ...extra,
    });
    const back = readdirSync(workDir);
    return {
      result,
      back,
      workDir,
      output: back.includes('out.json')
        ? JSON.parse(await readFile(join(workDir, 'out.json'), 'utf8'))
        : undefined,
    };
  } finally {
    await removeWorkDir(workDir);
  }
}

const PROBE = (port: number, host: string, scratchDir: string) => `
const fs = require('node:fs'), os = require('node:os'), net = require('node:net'), dns = require('node:dns');
const connect = (host) => new Promise((resolve) => {
  const s = net.connect({ host, port: ${port}, timeout: 3000 });
  s.on('connect', () => { s.destroy(); resolve('connected'); });
  s.on('error', (e) => resolve(e.code));
  s.on('timeout', () => { s.destroy(); resolve('timeout'); });
});
(async () => {
  const out = {
    interfaces: Object.keys(os.networkInterfaces()),
    hostService: await connect(${JSON.stringify(host)}),
    recordedName: (await dns.promises.lookup('payments.internal')).address,
    hostSecretVisible: fs.existsSync('/etc/shadow'),
    bound: fs.readFileSync(${JSON.stringify(join(scratchDir, 'bound.txt'))}, 'utf8'),
    input: fs.readFileSync('input.txt', 'utf8'),
    random: require('node:crypto').randomBytes(16).toString('hex'),
    hostname: os.hostname(),
    now: Date.now(),
    kernel: os.release(),
  };
  fs.writeFileSync(${JSON.stringify(join(scratchDir, 'bound.txt'))}, 'changed in the guest');
  fs.writeFileSync('/etc/written-in-guest', 'x');
  fs.writeFileSync('out.json', JSON.stringify(out));
})();
`;

describe.runIf(await microvmAvailable())('microvm sandbox: isolation from inside the guest', () => {
  test('loopback only, its own kernel and files, recorded names on loopback, fresh randomness per restore', async () => {
    const code = PROBE((server.address() as { port: number }).port, hostAddress, scratch);
    const first = await runInGuest(code);
    const second = await runInGuest(code);
    expect(first.result, first.result.stderr).toMatchObject({ exitCode: 0, timedOut: false });
    expect(first.output).toMatchObject({
      interfaces: ['lo'],
      hostService: expect.stringMatching(/^(ENETUNREACH|EHOSTUNREACH|timeout)$/),
      recordedName: '127.0.0.1',
      hostSecretVisible: false,
      bound: 'from the host\n',
      input: 'sent in\n',
      kernel: expect.stringContaining('cloud-amd64'),
    });
    // Writes outside the work directory stay in the guest, binds included.
    expect(readFileSync(join(scratch, 'bound.txt'), 'utf8')).toBe('from the host\n');
    expect(first.back).toContain('out.json');
    // Both runs come from the same snapshot; each must get its own entropy and identity.
    expect(second.output.random).not.toBe(first.output.random);
    expect(second.output.hostname).not.toBe(first.output.hostname);
    expect(Math.abs(first.output.now - Date.now())).toBeLessThan(120_000);
    expect(driver.lastRun?.start).toBe('restored');
  }, 300_000);

  test('a run past its time limit is killed with its VM, and no VMM process is left', async () => {
    const { result, workDir } = await runInGuest('setInterval(() => {}, 1000)', { timeLimitMs: 4_000 });
    expect(result).toMatchObject({ timedOut: true, exitCode: null });
    expect(vmmProcessesNaming(workDir)).toEqual([]);
  }, 180_000);
});

/** QEMU or Firecracker processes whose argv names something under `dir`. */
function vmmProcessesNaming(dir: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (argv.includes(dir)) found.push(Number(entry));
    } catch {
      // gone
    }
  }
  return found;
}
