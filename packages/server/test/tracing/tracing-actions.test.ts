import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProject, createReadToken } from '../../src/app/project-admin.js';
import { startTestApp, type TestApp } from '../api/test-app.js';
import { snapshotAt, type TracingClient, tracingClient } from './tracing-client.js';

let test: TestApp;
let api: TracingClient;
beforeAll(async () => {
  test = await startTestApp();
  api = tracingClient(test.app, test.project);
});
afterAll(() => test.close());

describe('placing a tracing action', () => {
  it('stores a snapshot with one hit and ten minutes by default, pending until a process reports', async () => {
    const before = Date.now();
    const res = await api.place(snapshotAt);
    expect(res.statusCode, res.body).toBe(201);
    const { action } = res.json();
    expect(action).toMatchObject({
      kind: 'snapshot',
      service: 'checkout',
      location: { file: 'src/orders.js', line: 42 },
      maxHits: 1,
      live: true,
      hitCount: 0,
      removedAt: null,
      status: { state: 'pending', instance: null },
    });
    expect(action.id).toMatch(/^[0-9a-f-]{36}$/);
    const ttl = Date.parse(action.expiresAt) - before;
    expect(ttl).toBeGreaterThan(9 * 60_000);
    expect(ttl).toBeLessThanOrEqual(10 * 60_000 + 5_000);
  });

  it('stores a log with its template, condition, stdout, hit limit and expiry', async () => {
    const res = await api.place({
      kind: 'log',
      service: 'checkout',
      file: 'src/orders.js',
      line: 7,
      template: 'order {order.id} total {order.total}',
      condition: 'order.total === 0 // free',
      stdout: true,
      maxHits: 10_000,
      ttlSeconds: 86_400,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().action).toMatchObject({
      kind: 'log',
      template: 'order {order.id} total {order.total}',
      condition: 'order.total === 0 // free',
      stdout: true,
      maxHits: 10_000,
    });
  });

  it('gives a log 100 hits by default', async () => {
    const res = await api.place({ ...snapshotAt, kind: 'log', template: 'here' });
    expect(res.json().action.maxHits).toBe(100);
  });

  it.each([
    [{ ...snapshotAt, kind: 'watch' }, 'kind must be snapshot or log'],
    [{ ...snapshotAt, kind: 'log' }, 'a log action needs a template'],
    [{ ...snapshotAt, line: 0 }, 'line must be at least 1'],
    [{ ...snapshotAt, line: 4.5 }, 'line must be a whole number'],
    [{ ...snapshotAt, file: '' }, 'file must not be empty'],
    [{ ...snapshotAt, service: undefined }, 'service must be a string'],
    [{ ...snapshotAt, maxHits: 10_001 }, 'maxHits must be at most 10000'],
    [{ ...snapshotAt, ttlSeconds: 86_401 }, 'ttlSeconds must be at most 86400'],
    [{ ...snapshotAt, template: 'x' }, 'template is only for log actions'],
    [{ ...snapshotAt, ttl: 5 }, 'unknown field(s) ttl'],
    [{ ...snapshotAt, condition: 'order.total ==' }, 'condition is not valid JavaScript: Unexpected token'],
    [
      { ...snapshotAt, kind: 'log', template: 'total {order.} now' },
      'template hole {order.} is not valid JavaScript: Unexpected token',
    ],
    [{ ...snapshotAt, kind: 'log', template: 'total {order.total' }, 'the "{" at position 7 is never closed'],
  ])('refuses %j with a 400 that names the field', async (body, message) => {
    const res = await api.place(body);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().message).toContain(message);
  });

  it('never runs the expressions it checks', async () => {
    const marker = '__flashbackTracingRan';
    const res = await api.place({ ...snapshotAt, condition: `(globalThis.${marker} = true)` });
    expect(res.statusCode).toBe(201);
    expect(marker in globalThis).toBe(false);
  });
});

describe('listing and removing actions', () => {
  it('lists the actions of one service, newest first, and removes one', async () => {
    const first = (await api.place({ ...snapshotAt, service: 'billing', line: 1 })).json().action;
    const second = (await api.place({ ...snapshotAt, service: 'billing', line: 2 })).json().action;

    const listed = (await api.list('?service=billing')).json();
    expect(listed.actions.map((a: { id: string }) => a.id)).toEqual([second.id, first.id]);

    const removed = await api.remove(first.id);
    expect(removed.statusCode).toBe(200);
    expect(removed.json().action).toMatchObject({ live: false, status: { state: 'removed' } });
    expect((await api.remove(first.id)).statusCode).toBe(200);

    const after = (await api.list('?service=billing')).json().actions;
    expect(after.find((a: { id: string }) => a.id === first.id)).toMatchObject({ live: false });
  });

  it('answers 404 for an action the project does not have', async () => {
    const res = await api.remove('00000000-0000-0000-0000-000000000000');
    expect(res.statusCode).toBe(404);
    expect(res.json().message).toContain('has no tracing action');
    expect((await api.hits('nope')).statusCode).toBe(404);
  });
});

describe('authentication', () => {
  it('needs a token (401), a known one (401), for this project (403)', async () => {
    const none = await test.app.inject({ method: 'GET', url: '/api/projects/checkout/tracing/actions' });
    expect(none.statusCode).toBe(401);
    expect((await api.list('', 'fbt_unknown')).statusCode).toBe(401);
    const other = await createProject('other', { storage: test.app.flashbackStorage });
    expect((await api.list('', other.readToken)).statusCode).toBe(403);
    expect((await api.place(snapshotAt, other.readToken)).statusCode).toBe(403);
  });

  it('accepts a token that reads every project', async () => {
    const token = await createReadToken({ storage: test.app.flashbackStorage });
    expect((await api.list('', token)).statusCode).toBe(200);
  });
});
