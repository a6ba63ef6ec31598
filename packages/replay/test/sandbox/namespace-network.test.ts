/**
 * Network isolation of the namespace sandbox, proven from inside with real sockets: the host's
 * loopback, outside addresses and host Unix sockets are unreachable; the sandbox's own loopback
 * works, for low ports too, and recorded host names resolve to it.
 */
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
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

/** Listens on the host; counts the connections it ever receives. */
async function hostServer(
  listen: (server: Server) => void,
): Promise<{ server: Server; connections: () => number }> {
  let count = 0;
  const server = createServer((socket) => {
    count++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => {
    server.once('listening', resolve);
    listen(server);
  });
  return { server, connections: () => count };
}

// Prints { label: error code or "connected", ms } for each target, as one JSON line.
const CONNECT_ALL = `
const net = require('node:net');
const targets = JSON.parse(process.argv[1]);
const results = {};
let pending = targets.length;
for (const t of targets) {
  const started = performance.now();
  const socket = net.connect(t.path ? { path: t.path } : { host: t.host, port: t.port });
  socket.setTimeout(3000, () => socket.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
  const done = (outcome) => {
    if (results[t.label]) return;
    results[t.label] = { outcome, ms: performance.now() - started };
    socket.destroy();
    if (--pending === 0) console.log(JSON.stringify(results));
  };
  socket.on('connect', () => done('connected'));
  socket.on('error', (e) => done(e.code));
}
`;

describe('namespace sandbox network', () => {
  let tcp: Awaited<ReturnType<typeof hostServer>>;
  let tcp6: Awaited<ReturnType<typeof hostServer>>;

  beforeAll(async () => {
    tcp = await hostServer((s) => s.listen(0, '127.0.0.1'));
    tcp6 = await hostServer((s) => s.listen(0, '::1'));
  });
  afterAll(() => {
    tcp.server.close();
    tcp6.server.close();
  });

  test('cannot reach a server on the host loopback, nor any outside address, and fails at once', async () => {
    const port = (addr: Server) => (addr.address() as { port: number }).port;
    const targets = [
      { label: 'host-127.0.0.1', host: '127.0.0.1', port: port(tcp.server) },
      { label: 'host-::1', host: '::1', port: port(tcp6.server) },
      // Unroutable and public addresses: the namespace has no route, so connect() fails before
      // any packet could leave the machine.
      { label: '10.255.255.1:9', host: '10.255.255.1', port: 9 },
      { label: '1.1.1.1:53', host: '1.1.1.1', port: 53 },
      { label: '[2606:4700::1111]:53', host: '2606:4700::1111', port: 53 },
    ];
    const result = await driver.run(
      makeSpec(workDir, { command: nodeCommand(CONNECT_ALL, JSON.stringify(targets)) }),
    );
    expect(result.exitCode, result.stderr).toBe(0);
    const outcomes = lastJson<Record<string, { outcome: string; ms: number }>>(result.stdout);
    expect(outcomes['host-127.0.0.1']?.outcome).toBe('ECONNREFUSED');
    expect(outcomes['host-::1']?.outcome).toBe('ECONNREFUSED');
    for (const label of ['10.255.255.1:9', '1.1.1.1:53', '[2606:4700::1111]:53']) {
      expect(['ENETUNREACH', 'EHOSTUNREACH'], `${label}: ${outcomes[label]?.outcome}`).toContain(
        outcomes[label]?.outcome,
      );
      expect(outcomes[label]?.ms, `${label} should fail at once`).toBeLessThan(1000);
    }
    expect(tcp.connections() + tcp6.connections(), 'host servers saw a connection').toBe(0);
  });

  test('cannot connect to a host Unix socket even where its path is visible', async () => {
    // The work directory is bound into the sandbox, so this socket file is visible inside.
    const unix = await hostServer((s) => s.listen(join(workDir, 'host.sock')));
    try {
      const targets = [{ label: 'unix', path: join(workDir, 'host.sock') }];
      const result = await driver.run(
        makeSpec(workDir, { command: nodeCommand(CONNECT_ALL, JSON.stringify(targets)) }),
      );
      expect(lastJson<Record<string, { outcome: string }>>(result.stdout).unix?.outcome).toBe('EACCES');
      expect(unix.connections()).toBe(0);
    } finally {
      unix.server.close();
    }
  });

  test('has only a loopback interface', async () => {
    const code = `console.log(JSON.stringify(Object.keys(require('node:os').networkInterfaces())))`;
    const result = await driver.run(makeSpec(workDir, { command: nodeCommand(code) }));
    expect(lastJson<string[]>(result.stdout)).toEqual(['lo']);
  });

  test('serves and calls its own loopback on a low port, reached through a recorded host name', async () => {
    const code = `
const http = require('node:http');
const dns = require('node:dns');
const server = http.createServer((req, res) => res.end('stub answered ' + req.headers.host));
server.listen(443, '127.0.0.1', () => {
  dns.lookup('payments.example.com', { family: 4 }, (error, address) => {
    http.get('http://payments.example.com:443/charge', (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => {
        console.log(JSON.stringify({ address, body, dbInternal: require('node:fs').readFileSync('/etc/hosts', 'utf8').includes('db.internal') }));
        server.close();
      });
    });
  });
});`;
    const hosts = { 'payments.example.com': '127.0.0.1', 'db.internal': '127.0.0.1' };
    const result = await driver.run(makeSpec(workDir, { command: nodeCommand(code), hosts }));
    expect(result.exitCode, result.stderr).toBe(0);
    expect(lastJson(result.stdout)).toEqual({
      address: '127.0.0.1',
      body: 'stub answered payments.example.com:443',
      dbInternal: true,
    });
  });

  test('a Node process and the Node child it spawns share the sandbox loopback', async () => {
    const code = `
const net = require('node:net');
const { spawn } = require('node:child_process');
const server = net.createServer((socket) => {
  socket.setEncoding('utf8');
  socket.on('data', (text) => {
    console.log(JSON.stringify({ parentPid: process.pid, heard: text }));
    server.close();
  });
});
server.listen(0, '127.0.0.1', () => {
  const port = server.address().port;
  const child = spawn(process.execPath, ['-e',
    "const s = require('node:net').connect(" + port + ", '127.0.0.1', () => s.end('child ' + process.pid + ' connected'))"],
    { stdio: 'inherit' });
  child.on('exit', (code) => { if (code !== 0) process.exit(1); });
});`;
    const result = await driver.run(makeSpec(workDir, { command: nodeCommand(code) }));
    expect(result.exitCode, result.stderr).toBe(0);
    const report = lastJson<{ parentPid: number; heard: string }>(result.stdout);
    // In its own pid namespace the sandbox's first processes have the smallest pids.
    expect(report.parentPid).toBeLessThan(10);
    expect(report.heard).toMatch(/^child \d+ connected$/);
  });
});
