import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TracingHit } from '@flashback/protocol/tracing';
import { decodeValue } from '@flashback/protocol/values';
import { waitFor } from '@flashback-dev/test-harness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { action, startTracedApp, type TracedApp } from './traced-app.js';

const ORDER = {
  items: [
    { price: 30, qty: 2 },
    { price: 5, qty: 1 },
  ],
  promo: 'HALF',
};
const USER = { id: 'u-7', role: 'customer' };
const RETURN_LINE = 9; // `return { user: user.id, total: discounted };` in fixtures/orders.mjs

let app: TracedApp;
beforeAll(async () => {
  app = await startTracedApp();
});
afterAll(async () => {
  await app.stop();
});

const hitsOf = async (id: string, kind?: TracingHit['kind']) =>
  (await app.hits()).filter((h) => h.actionId === id && (kind === undefined || h.kind === kind));

async function statusOf(id: string): Promise<Extract<TracingHit, { kind: 'status' }>> {
  return waitFor(async () => (await hitsOf(id, 'status')).at(-1) as Extract<TracingHit, { kind: 'status' }>, {
    what: `a status for ${id}`,
  });
}

describe('tracing engine in a running service (real V8 live edit and pauses)', () => {
  it('takes a snapshot at a line deep in a request handler: the stack and the locals of each in-app frame', async () => {
    const snap = action({
      kind: 'snapshot',
      location: { file: 'orders.mjs', line: RETURN_LINE },
      maxHits: 1,
    });
    await app.setActions([snap]);
    expect((await statusOf(snap.id)).state).toBe('applied');
    const answer = await app.post<{ total: number }>('/order', { user: USER, order: ORDER });
    expect(answer.total).toBe(32.5); // the service carried on

    const [hit] = await hitsOf(snap.id, 'snapshot');
    if (hit?.kind !== 'snapshot') throw new Error('no snapshot');
    const [top, ...callers] = hit.frames;
    expect(top).toMatchObject({
      function: 'handleOrder',
      file: 'orders.mjs',
      line: RETURN_LINE,
      inApp: true,
    });
    const locals = Object.fromEntries(Object.entries(top?.locals ?? {}).map(([k, v]) => [k, decodeValue(v)]));
    expect(locals).toMatchObject({ total: 65, discounted: 32.5, user: USER });
    expect(Object.keys(locals).filter((name) => name.startsWith('__fb'))).toEqual([]);
    expect(top?.column).toBe(3); // the statement's column, not the inserted probe's
    // The caller in the app's server module has its own locals.
    const server = callers.find((f) => f.file === 'traced-app.mjs');
    expect(server?.locals && Object.keys(server.locals)).toContain('requestId');
    expect(hit.pauseMs).toBeGreaterThan(0);
    // maxHits 1: the next request is not snapshotted, and the action says why it stopped.
    await app.post('/order', { user: USER, order: ORDER });
    expect(await hitsOf(snap.id, 'snapshot')).toHaveLength(1);
    expect((await statusOf(snap.id)).reason).toBe('hit limit reached (1)');
  });

  it('emits a conditional log only when the condition holds, with the template filled in', async () => {
    const log = action({
      kind: 'log',
      location: { file: 'orders.mjs', line: RETURN_LINE },
      condition: "order.promo === 'HALF' && user.role !== 'admin'",
      template: 'user {user.id} total {discounted} items {order.items.length}',
    });
    await app.setActions([log]);
    await statusOf(log.id);
    await app.post('/order', { user: USER, order: ORDER });
    await app.post('/order', { user: USER, order: { ...ORDER, promo: 'NONE' } });
    await app.post('/order', { user: { id: 'root', role: 'admin' }, order: ORDER });
    const logs = await hitsOf(log.id, 'log');
    expect(logs.map((h) => h.kind === 'log' && h.message)).toEqual(['user u-7 total 32.5 items 2']);
  });

  it('stops at its hit limit and at its expiry, and says so', async () => {
    const limited = action({
      kind: 'log',
      location: { file: 'orders.mjs', line: 5 },
      template: 'x',
      maxHits: 2,
    });
    const expiring = action({
      kind: 'log',
      location: { file: 'orders.mjs', line: 6 },
      template: 'y',
      expiresAt: new Date(Date.now() + 3_000).toISOString(),
    });
    await app.setActions([limited, expiring]);
    await statusOf(expiring.id);
    for (let i = 0; i < 5; i++) await app.post('/order', { user: USER, order: ORDER });
    expect(await hitsOf(limited.id, 'log')).toHaveLength(2);
    expect((await statusOf(limited.id)).reason).toBe('hit limit reached (2)');
    expect((await hitsOf(expiring.id, 'log')).length).toBe(5);
    await new Promise((resolve) => setTimeout(resolve, Date.parse(expiring.expiresAt) - Date.now() + 100));
    await app.post('/order', { user: USER, order: ORDER });
    expect((await hitsOf(expiring.id, 'log')).length).toBe(5);
    expect((await statusOf(expiring.id)).reason).toBe('expired');
  });

  it('rejects a side-effecting condition before it ever runs, and the service state is unchanged', async () => {
    const before = await app.post<{ count: number }>('/audit');
    const mutating = action({
      kind: 'snapshot',
      location: { file: 'orders.mjs', line: RETURN_LINE },
      condition: 'audit.count++ > 0',
    });
    const calling = action({
      kind: 'log',
      location: { file: 'orders.mjs', line: 5 },
      template: '{user.save()}',
    });
    await app.setActions([mutating, calling]);
    expect(await statusOf(mutating.id)).toMatchObject({
      state: 'error',
      reason: expect.stringContaining('`audit.count++` changes a variable'),
    });
    expect((await statusOf(calling.id)).reason).toContain('`user.save()` calls a function');
    expect(await app.post('/audit')).toEqual(before);
    await app.post('/order', { user: USER, order: ORDER });
    expect(await app.post<{ count: number }>('/audit')).toEqual({ count: before.count + 1 });
  });

  it('names what is wrong with a bad location or a syntax error, and the service keeps running', async () => {
    const wrongFile = action({ kind: 'snapshot', location: { file: 'src/nope.mjs', line: 3 } });
    const blankLine = action({ kind: 'snapshot', location: { file: 'orders.mjs', line: 7 } });
    const badSyntax = action({
      kind: 'snapshot',
      location: { file: 'orders.mjs', line: 5 },
      condition: 'user.id ===',
    });
    await app.setActions([wrongFile, blankLine, badSyntax]);
    expect((await statusOf(wrongFile.id)).reason).toContain('no loaded script is src/nope.mjs');
    expect((await statusOf(blankLine.id)).reason).toBe(
      'line 7 of orders.mjs has no statement to place an action at; the nearest lines with one are 6 and 8',
    );
    expect((await statusOf(badSyntax.id)).reason).toContain('not valid JavaScript');
    expect((await app.post<{ total: number }>('/order', { user: USER, order: ORDER })).total).toBe(32.5);
  });

  it('stops an action that is removed, and puts the code back', async () => {
    const log = action({ kind: 'log', location: { file: 'orders.mjs', line: 6 }, template: 'n {total}' });
    await app.setActions([log]);
    await statusOf(log.id);
    await app.post('/order', { user: USER, order: ORDER });
    await app.setActions([]);
    expect((await statusOf(log.id)).state).toBe('removed');
    await app.post('/order', { user: USER, order: ORDER });
    expect(await hitsOf(log.id, 'log')).toHaveLength(1);
  });

  it('patches an async function once no request is suspended in it', async () => {
    const log = action({
      kind: 'log',
      location: { file: 'orders.mjs', line: 15 },
      template: 'priced {priced.total}',
    });
    const inFlight = app.post('/order-async', { user: USER, order: ORDER });
    await app.setActions([log]);
    await inFlight;
    expect((await statusOf(log.id)).state).toBe('applied');
    await app.post('/order-async', { user: USER, order: ORDER });
    expect((await hitsOf(log.id, 'log')).map((h) => h.kind === 'log' && h.message)).toEqual(['priced 32.5']);
  });
});

describe('a TypeScript file:line', () => {
  let compiled: string;
  let tsApp: TracedApp;
  beforeAll(async () => {
    compiled = mkdtempSync(path.join(tmpdir(), 'flashback-tracing-ts-'));
    const project = fileURLToPath(new URL('./fixtures/ts-src/tsconfig.json', import.meta.url));
    const tsc = fileURLToPath(new URL('../../../../node_modules/.bin/tsc', import.meta.url));
    execFileSync(tsc, ['-p', project, '--outDir', compiled]);
    tsApp = await startTracedApp(compiled);
  });
  afterAll(async () => {
    await tsApp.stop();
    rmSync(compiled, { recursive: true, force: true });
  });

  it('maps through the source map to the running JavaScript line', async () => {
    const tsFile = fileURLToPath(new URL('./fixtures/ts-src/pricing.ts', import.meta.url));
    const log = action({
      kind: 'log',
      location: { file: tsFile, line: 10 },
      template: 'net {net} gross {gross}',
    });
    await tsApp.setActions([log]);
    const status = await waitFor(
      async () => (await tsApp.hits()).find((h) => h.actionId === log.id && h.kind === 'status'),
      { what: 'the TypeScript action to be placed' },
    );
    expect(status).toMatchObject({
      state: 'applied',
      reason: expect.stringContaining('via the source map of'),
    });
    expect(
      await tsApp.post('/price', {
        lines: [
          { sku: 'a', cents: 100 },
          { sku: 'b', cents: 50 },
        ],
      }),
    ).toBe(180);
    const logs = (await tsApp.hits()).filter((h) => h.actionId === log.id && h.kind === 'log');
    expect(logs.map((h) => h.kind === 'log' && h.message)).toEqual(['net 150 gross 180']);
  });
});
