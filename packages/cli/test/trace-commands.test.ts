import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TRACING_FORMAT, type TracingHit } from '@flashback/protocol/tracing';
import { type CreatedProject, createProject, type RunningServer, startServer } from '@flashback/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, REPO_ROOT, runCli } from './support/run-cli.js';

let dataDir: string;
let server: RunningServer;
let project: CreatedProject;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'flashback-cli-trace-'));
  server = await startServer({ port: 0, dataDir });
  project = await createProject('shop', { storage: server.app.flashbackStorage });
});
afterAll(async () => {
  await server?.close();
  await rm(dataDir, { recursive: true, force: true });
});

const collector = () => ['--server', server.url, '--project', 'shop', '--token', project.readToken];

/** Posts hits as the SDK in process `web-1:7` of `checkout` does. */
async function sendHits(hits: TracingHit[]): Promise<void> {
  const response = await fetch(`${server.url}/api/shop/tracing/hits`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-flashback-key': project.ingestKey },
    body: JSON.stringify({ format: TRACING_FORMAT, service: 'checkout', instance: 'web-1:7', hits }),
  });
  expect(response.status, await response.clone().text()).toBe(200);
}

async function placeSnapshot(...extra: string[]): Promise<string> {
  const run = await runCli([
    'trace',
    'snapshot',
    'checkout',
    'src/orders.js:42',
    ...extra,
    ...collector(),
    '--json',
  ]);
  expect(run.code, run.stderr).toBe(0);
  return (JSON.parse(run.stdout) as { id: string }).id;
}

describe('flashback trace', () => {
  it('places a snapshot and a log, and lists them', async () => {
    const snapshotId = await placeSnapshot('--if', 'order.total === 0', '--max-hits', '3', '--ttl', '2h');
    const log = await runCli([
      'trace',
      'log',
      'checkout',
      'src/orders.js:50',
      'order {order.id} total {order.total}',
      '--stdout',
      ...collector(),
    ]);
    expect(log.code, log.stderr).toBe(0);
    expect(log.stdout).toContain('Placed log "order {order.id} total {order.total}" at src/orders.js:50');
    expect(log.stdout).toMatch(/up to 100 hit\(s\)/);

    const listed = await runCli(['trace', 'list', '--service', 'checkout', ...collector(), '--json']);
    expect(listed.code, listed.stderr).toBe(0);
    const actions = JSON.parse(listed.stdout) as {
      id: string;
      kind: string;
      maxHits: number;
      condition?: string;
    }[];
    expect(actions.map((a) => a.kind)).toEqual(['log', 'snapshot']);
    expect(actions[1]).toMatchObject({ id: snapshotId, maxHits: 3, condition: 'order.total === 0' });

    const text = await runCli(['trace', 'list', ...collector()]);
    expect(text.stdout).toContain(`${snapshotId}\tsnapshot\tcheckout\tsrc/orders.js:42\t0 hit(s)\tpending`);
  });

  it('prints hits as JSON and as text with the locals decoded', async () => {
    const id = await placeSnapshot('--max-hits', '5');
    const at = new Date().toISOString();
    await sendHits([
      { kind: 'status', actionId: id, at, state: 'applied', reason: 'breakpoint' },
      {
        kind: 'snapshot',
        actionId: id,
        at,
        pauseMs: 1.5,
        frames: [
          {
            function: 'placeOrder',
            file: 'src/orders.js',
            line: 42,
            column: 7,
            inApp: true,
            locals: {
              total: { $fb: 'bigint', v: '9007199254740993' },
              items: { $fb: 'map', entries: [['sku-1', 2]] },
              self: { $fb: 'circular' },
            },
          },
        ],
      },
    ]);

    const json = await runCli(['trace', 'hits', id, ...collector(), '--json']);
    expect(json.code, json.stderr).toBe(0);
    const hits = JSON.parse(json.stdout) as { kind: string; instance: string }[];
    expect(hits.map((h) => h.kind)).toEqual(['status', 'snapshot']);
    expect(hits[1]).toMatchObject({ instance: 'web-1:7' });

    const text = await runCli(['trace', 'hits', id, ...collector()]);
    expect(text.stdout).toContain('applied: breakpoint');
    expect(text.stdout).toContain('at placeOrder (src/orders.js:42:7)');
    expect(text.stdout).toContain('total = 9007199254740993n');
    expect(text.stdout).toContain("items = Map(1) { 'sku-1' => 2 }");
    expect(text.stdout).toContain('self = [Circular]');
  });

  it('follows hits as they arrive until Ctrl-C', async () => {
    const id = await placeSnapshot();
    const child = spawn(process.execPath, [BIN, 'trace', 'hits', id, '--follow', ...collector()], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
    });
    let stdout = '';
    const waiters: { text: string; resolve: () => void }[] = [];
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      for (const waiter of waiters) if (stdout.includes(waiter.text)) waiter.resolve();
    });
    const printed = (text: string) => new Promise<void>((resolve) => waiters.push({ text, resolve }));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const status = (reason: string): TracingHit => ({
      kind: 'status',
      actionId: id,
      at: new Date().toISOString(),
      state: 'error',
      reason,
    });

    await sendHits([status('first')]);
    await printed('error: first');
    // Printed the first: the CLI is now waiting on the collector for the next one.
    await sendHits([status('second')]);
    await printed('error: second');
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });

  it('removes an action', async () => {
    const id = await placeSnapshot();
    const removed = await runCli(['trace', 'rm', id, ...collector()]);
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.stdout).toContain(`Removed snapshot ${id} at src/orders.js:42.`);
    const listed = JSON.parse((await runCli(['trace', 'list', ...collector(), '--json'])).stdout) as {
      id: string;
      live: boolean;
    }[];
    expect(listed.find((a) => a.id === id)).toMatchObject({ live: false });
  });

  it.each([
    [['trace', 'snapshot', 'checkout', 'src/orders.js'], 'expected <file:line> such as src/orders.js:42'],
    [['trace', 'snapshot', 'checkout', 'src/orders.js:0'], 'expected <file:line>'],
    [
      ['trace', 'snapshot', 'checkout', 'a.js:1', '--ttl', '3d'],
      '--ttl expects a time such as 90s, 10m or 2h',
    ],
    [['trace', 'snapshot', 'checkout', 'a.js:1', '--ttl', '25h'], '--ttl is at most 24h'],
    [['trace', 'snapshot', 'checkout', 'a.js:1', '--if', 'a ==='], 'condition is not valid JavaScript'],
    [['trace', 'log', 'checkout', 'a.js:1', 'total {order.'], 'template is not valid: the "{" at position 7'],
    [['trace', 'snapshot', 'checkout', 'a.js:1', '--max-hits', '10001'], 'maxHits must be at most 10000'],
    [['trace', 'rm', '00000000-0000-0000-0000-000000000000'], 'project shop has no tracing action'],
    [['trace', 'hits', 'nope'], 'project shop has no tracing action "nope"'],
  ])('%j is refused with a clear message', async (args, message) => {
    const run = await runCli([...args, ...collector()]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });

  it('says when the token is wrong, the project is missing or the collector is down', async () => {
    const badToken = await runCli([
      'trace',
      'list',
      '--server',
      server.url,
      '--project',
      'shop',
      '--token',
      'fbt_x',
    ]);
    expect(badToken.code).toBe(2);
    expect(badToken.stderr).toContain('the collector refused the token');

    const noProject = await runCli(['trace', 'list', '--server', server.url, '--token', project.readToken]);
    expect(noProject.stderr).toContain('name the project: --project <name> or FLASHBACK_PROJECT');

    const other = await createProject('other', { storage: server.app.flashbackStorage });
    const forbidden = await runCli([
      'trace',
      'list',
      '--server',
      server.url,
      '--project',
      'shop',
      '--token',
      other.readToken,
    ]);
    expect(forbidden.stderr).toContain('the token may not use project shop');

    const down = await runCli([
      'trace',
      'list',
      '--server',
      'http://127.0.0.1:9',
      '--project',
      'shop',
      '--token',
      't',
    ]);
    expect(down.code).toBe(2);
    expect(down.stderr).toContain('cannot reach the collector at http://127.0.0.1:9');
  });
});
