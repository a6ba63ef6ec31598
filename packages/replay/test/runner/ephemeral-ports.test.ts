/**
 * The app's port moved out of the ephemeral range inside a sandbox: the choice of the port, and —
 * in a real namespace sandbox — outgoing connections that draw every ephemeral port while the
 * moved app port stays free.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, test } from 'vitest';
import { portOutsideRange } from '../../src/runner/ephemeral-ports.js';
import { createWorkDir, NamespaceDriver, removeWorkDir } from '../../src/sandbox/index.js';
import { lastJson, makeSpec, nodeCommand } from '../sandbox/support/sandbox-fixtures.js';

describe('portOutsideRange', () => {
  const allFree = async () => true;

  test('keeps a port outside the range, or when the range is unknown', async () => {
    expect(await portOutsideRange(3000, [32768, 60999], allFree)).toBe(3000);
    expect(await portOutsideRange(46401, undefined, allFree)).toBe(46401);
  });

  test('moves a port inside the range to a free port below it', async () => {
    const moved = await portOutsideRange(46401, [32768, 60999], allFree);
    expect(moved).toBeGreaterThanOrEqual(10_000);
    expect(moved).toBeLessThan(32768);
    const asked: number[] = [];
    const secondFree = async (p: number) => asked.push(p) === 2;
    const chosen = await portOutsideRange(46401, [32768, 60999], secondFree);
    expect(chosen).toBe(asked[1]);
  });

  test('keeps the port when nothing below the range is free', async () => {
    expect(await portOutsideRange(46401, [32768, 60999], async () => false)).toBe(46401);
  });
});

// Holds 200 outgoing connections and takes the first one's local port as the recorded app port:
// listening there fails (the flake this guards against), the port chosen instead works.
const DRAW_PORTS = `
const net = require('node:net');
const fs = require('node:fs');
(async () => {
  const { portOutsideRange } = await import(process.argv[1]);
  const { isPortFree } = await import(process.argv[2]);
  const { ephemeralRange } = await import(process.argv[3]);
  const range = await ephemeralRange();
  const server = net.createServer(() => {});
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const localPorts = [];
  for (let i = 0; i < 200; i++) {
    const socket = net.connect(server.address().port, '127.0.0.1');
    await new Promise((resolve, reject) => { socket.once('connect', resolve); socket.once('error', reject); });
    localPorts.push(socket.localPort);
  }
  const recorded = localPorts[0];
  const chosen = await portOutsideRange(recorded, range, isPortFree);
  const listen = (port) => new Promise((resolve) => {
    const app = net.createServer();
    app.once('error', (e) => resolve(e.code));
    app.listen(port, '127.0.0.1', () => resolve('listening'));
  });
  console.log(JSON.stringify({ range, recorded, chosen, atRecorded: await listen(recorded), atChosen: await listen(chosen) }));
  process.exit(0);
})();
`;

test("inside a namespace sandbox, a recorded port drawn by a connection is moved to one that can't be", async () => {
  const driver = new NamespaceDriver();
  const status = await driver.status();
  expect(status.available, `namespace sandbox unavailable: ${status.detail}`).toBe(true);
  const built = (path: string) =>
    pathToFileURL(fileURLToPath(new URL(`../../${path}`, import.meta.url))).href;
  const workDir = await createWorkDir();
  try {
    const result = await driver.run(
      makeSpec(workDir, {
        command: nodeCommand(
          DRAW_PORTS,
          built('dist/runner/ephemeral-ports.js'),
          built('dist/runner/app-ready.js'),
          built('../ports/dist/index.js'),
        ),
      }),
    );
    expect(result.exitCode, result.stderr).toBe(0);
    const report = lastJson<{
      range: [number, number];
      recorded: number;
      chosen: number;
      atRecorded: string;
      atChosen: string;
    }>(result.stdout);
    expect(report.recorded).toBeGreaterThanOrEqual(report.range[0]);
    expect(report.atRecorded).toBe('EADDRINUSE');
    expect(report.chosen).toBeLessThan(report.range[0]);
    expect(report.atChosen).toBe('listening');
  } finally {
    await removeWorkDir(workDir);
  }
});
