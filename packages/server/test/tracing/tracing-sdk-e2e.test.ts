import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type CreatedProject, createProject } from '../../src/app/project-admin.js';
import { type RunningServer, startServer } from '../../src/start.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
/** The line of `const total = …` in fixtures/priced-service.mjs. */
const TOTAL_LINE = 6;

let dataDir: string;
let collector: RunningServer;
let project: CreatedProject;
let service: ChildProcess | undefined;
let servicePort: number;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'flashback-tracing-e2e-'));
  collector = await startServer({ port: 0, dataDir });
  project = await createProject('shop', { storage: collector.app.flashbackStorage });
  const dsn = new URL(collector.url);
  dsn.username = project.ingestKey;
  dsn.pathname = '/shop';
  service = spawn(process.execPath, ['--import', '@flashback/node/register', 'priced-service.mjs'], {
    cwd: FIXTURES,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      FLASHBACK_DSN: dsn.toString(),
      FLASHBACK_SERVICE: 'pricing',
      FLASHBACK_APP_ROOT: FIXTURES,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [first] = (await once(service.stdout as NodeJS.ReadableStream, 'data')) as [Buffer];
  servicePort = (JSON.parse(first.toString()) as { port: number }).port;
});
afterAll(async () => {
  if (service && service.exitCode === null) {
    service.kill();
    await once(service, 'exit');
  }
  await collector?.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${collector.url}/api/projects/shop/tracing${path}`, {
    method,
    headers: {
      authorization: `Bearer ${project.readToken}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(response.ok, await response.clone().text()).toBe(true);
  return (await response.json()) as T;
}

interface Hit {
  kind: string;
  seq: number;
  state?: string;
  reason?: string;
  message?: string;
}

/** Hits after `after`, waiting on the collector until `done` holds for them. */
async function hitsUntil(id: string, done: (hits: Hit[]) => boolean): Promise<Hit[]> {
  const seen: Hit[] = [];
  let after = 0;
  const deadline = Date.now() + 15_000;
  while (!done(seen)) {
    if (Date.now() > deadline) throw new Error(`gave up waiting; hits so far: ${JSON.stringify(seen)}`);
    const page = await api<{ hits: Hit[]; next: number }>('GET', `/actions/${id}/hits?after=${after}&wait=3`);
    seen.push(...page.hits);
    after = page.next;
  }
  return seen;
}

it('delivers a log action to a running service and brings its lines back', async () => {
  const { action } = await api<{ action: { id: string } }>('POST', '/actions', {
    kind: 'log',
    service: 'pricing',
    file: 'priced-service.mjs',
    line: TOTAL_LINE,
    template: 'qty {qty}',
    condition: 'qty > 1',
  });
  const applied = await hitsUntil(action.id, (hits) => hits.some((h) => h.kind === 'status'));
  expect(
    applied.find((h) => h.kind === 'status'),
    JSON.stringify(applied),
  ).toMatchObject({ state: 'applied' });

  for (const qty of [1, 2, 3]) await fetch(`http://127.0.0.1:${servicePort}/price?qty=${qty}`);
  const hits = await hitsUntil(action.id, (all) => all.filter((h) => h.kind === 'log').length >= 2);
  expect(hits.filter((h) => h.kind === 'log').map((h) => h.message)).toEqual(['qty 2', 'qty 3']);

  const { actions } = await api<{ actions: { id: string; hitCount: number }[] }>('GET', '/actions');
  expect(actions.find((a) => a.id === action.id)?.hitCount).toBe(2);
});
