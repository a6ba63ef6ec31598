import { gzipSync } from 'node:zlib';
import { TRACING_FORMAT } from '@flashback/protocol/tracing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../api/test-app.js';
import { snapshotAt, snapshotHit, type TracingClient, tracingClient } from './tracing-client.js';

let test: TestApp;
let api: TracingClient;
beforeAll(async () => {
  test = await startTestApp();
  api = tracingClient(test.app, test.project);
});
afterAll(() => test.close());

const now = () => new Date().toISOString();

async function placed(body: object): Promise<string> {
  const res = await api.place(body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().action.id;
}

async function currentSet(service: string) {
  const res = await api.poll(`service=${service}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { format: string; version: number; actions: { id: string }[] };
}

describe("a service's action set", () => {
  it('is empty at version 0 before any action, and answered at once without a version', async () => {
    expect(await currentSet('fresh')).toEqual({ format: TRACING_FORMAT, version: 0, actions: [] });
  });

  it('is answered at once for a version the service never had, as the SDK asks at start', async () => {
    const res = await api.poll('service=fresh&version=-1&wait=25');
    expect(res.json()).toEqual({ format: TRACING_FORMAT, version: 0, actions: [] });
  });

  it('changes version when an action is placed and when it is removed', async () => {
    const start = await currentSet('versions');
    const id = await placed({ ...snapshotAt, service: 'versions', condition: 'order.total === 0' });
    const withAction = await currentSet('versions');
    expect(withAction.version).not.toBe(start.version);
    expect(withAction.actions).toEqual([
      {
        id,
        kind: 'snapshot',
        service: 'versions',
        location: { file: 'src/orders.js', line: 42 },
        condition: 'order.total === 0',
        maxHits: 1,
        expiresAt: expect.any(String),
        createdAt: expect.any(String),
      },
    ]);
    await api.remove(id);
    const removed = await currentSet('versions');
    expect(removed.version).not.toBe(withAction.version);
    expect(removed.actions).toEqual([]);
  });

  it('wakes a waiting poll as soon as an action is placed', async () => {
    const { version } = await currentSet('wake');
    const poll = api.poll(`service=wake&version=${version}&wait=25`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const placedAt = performance.now();
    const id = await placed({ ...snapshotAt, service: 'wake' });
    const res = await poll;
    const latency = performance.now() - placedAt;
    expect(res.json().actions.map((a: { id: string }) => a.id)).toEqual([id]);
    // Far below the 25 s wait: woken, not timed out (with room for a loaded CI machine).
    expect(latency, 'from placing the action to the poll answering').toBeLessThan(5_000);
  });

  it('answers a poll with the same version once `wait` has passed', async () => {
    const { version } = await currentSet('quiet');
    const started = performance.now();
    const res = await api.poll(`service=quiet&version=${version}&wait=1`);
    const waited = performance.now() - started;
    expect(res.json()).toEqual({ format: TRACING_FORMAT, version, actions: [] });
    expect(waited).toBeGreaterThanOrEqual(950);
    expect(waited).toBeLessThan(5_000);
  });

  it('drops an action at its expiry and changes the version', async () => {
    const id = await placed({ ...snapshotAt, service: 'expiry', ttlSeconds: 1 });
    const { version } = await currentSet('expiry');
    const res = await api.poll(`service=expiry&version=${version}&wait=10`);
    expect(res.json().version).not.toBe(version);
    expect(res.json().actions).toEqual([]);
    const [action] = (await api.list('?service=expiry')).json().actions;
    expect(action).toMatchObject({ id, live: false, status: { state: 'disabled', reason: 'expired' } });
  });

  it('refuses a wait over 30 s and a poll without a service', async () => {
    expect((await api.poll('service=x&wait=31')).json().message).toContain('wait must be <= 30');
    expect((await api.poll('version=1')).json().message).toContain("must have required property 'service'");
  });
});

describe('hits from the SDK', () => {
  it('stores hits, readable after a cursor, and counts them on the action', async () => {
    const id = await placed({ ...snapshotAt, kind: 'log', template: 'total {total}', service: 'hits' });
    const sent = await api.send('hits', [
      { kind: 'log', actionId: id, at: now(), message: 'total 1' },
      { kind: 'log', actionId: id, at: now(), message: 'total 2' },
      { kind: 'log', actionId: id, at: now(), message: 'total 3' },
    ]);
    expect(sent.json()).toEqual({ stored: 3, dropped: 0, rejected: [] });

    const all = (await api.hits(id)).json();
    expect(all.hits.map((h: { message: string }) => h.message)).toEqual(['total 1', 'total 2', 'total 3']);
    expect(all.hits[0]).toMatchObject({ kind: 'log', actionId: id, instance: 'web-1:4242' });
    const cursor = all.hits[0].seq;
    const rest = (await api.hits(id, `?after=${cursor}`)).json();
    expect(rest.hits.map((h: { message: string }) => h.message)).toEqual(['total 2', 'total 3']);
    expect(rest.next).toBe(all.next);
    expect((await api.hits(id, `?after=${all.next}`)).json()).toEqual({ hits: [], next: all.next });
    expect((await api.list('?service=hits')).json().actions[0].hitCount).toBe(3);
  });

  it('takes the state and reason of status hits onto the action', async () => {
    const id = await placed({ ...snapshotAt, service: 'status' });
    await api.send('status', [
      { kind: 'status', actionId: id, at: now(), state: 'applied', reason: 'breakpoint' },
    ]);
    let [action] = (await api.list('?service=status')).json().actions;
    expect(action.status).toMatchObject({ state: 'applied', reason: 'breakpoint', instance: 'web-1:4242' });

    const reason = 'condition failed: ReferenceError: order is not defined';
    await api.send('status', [{ kind: 'status', actionId: id, at: now(), state: 'error', reason }]);
    [action] = (await api.list('?service=status')).json().actions;
    expect(action.status).toMatchObject({ state: 'error', reason });
    expect(action.hitCount).toBe(0);
  });

  it('drops hits of unknown and removed actions, and of another service', async () => {
    const id = await placed({ ...snapshotAt, service: 'drops', maxHits: 5 });
    const removedId = await placed({ ...snapshotAt, service: 'drops', line: 43 });
    await api.remove(removedId);
    const sent = await api.send('drops', [
      snapshotHit(id),
      snapshotHit(removedId),
      snapshotHit('00000000-0000-0000-0000-000000000000'),
    ]);
    expect(sent.json()).toEqual({ stored: 1, dropped: 2, rejected: [] });
    expect((await api.send('other-service', [snapshotHit(id)])).json()).toEqual({
      stored: 0,
      dropped: 1,
      rejected: [],
    });
    expect((await api.hits(removedId)).json().hits).toEqual([]);
  });

  it('ends an action when its hits reach the limit, dropping the extra ones', async () => {
    const id = await placed({ ...snapshotAt, service: 'limit', maxHits: 2 });
    const { version } = await currentSet('limit');
    const sent = await api.send('limit', [snapshotHit(id), snapshotHit(id), snapshotHit(id)]);
    expect(sent.json()).toEqual({ stored: 2, dropped: 1, rejected: [] });
    const after = await currentSet('limit');
    expect(after.version).not.toBe(version);
    expect(after.actions).toEqual([]);
    const [action] = (await api.list('?service=limit')).json().actions;
    expect(action).toMatchObject({ hitCount: 2, live: false, status: { state: 'disabled' } });
    expect(action.status.reason).toContain('limit of 2');
  });

  it('keeps locals as the SDK encoded them', async () => {
    const id = await placed({ ...snapshotAt, service: 'locals' });
    const locals = { total: { $fb: 'bigint', v: '9007199254740993' }, user: { id: 7, tags: ['a'] } };
    await api.send('locals', [snapshotHit(id, locals)]);
    const [hit] = (await api.hits(id)).json().hits;
    expect(hit.frames[0].locals).toEqual(locals);
  });

  it('wakes a person waiting for hits as soon as one arrives', async () => {
    const id = await placed({ ...snapshotAt, service: 'follow' });
    const waiting = api.hits(id, '?after=0&wait=25');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const sentAt = performance.now();
    await api.send('follow', [snapshotHit(id)]);
    const res = await waiting;
    expect(res.json().hits).toHaveLength(1);
    expect(performance.now() - sentAt, 'from the hit to the reader').toBeLessThan(5_000);
  });

  it('accepts a gzip body and names the path at fault in a bad one', async () => {
    const id = await placed({ ...snapshotAt, service: 'gzip' });
    const batch = { format: TRACING_FORMAT, service: 'gzip', instance: 'web-1:1', hits: [snapshotHit(id)] };
    const gzipped = await test.app.inject({
      method: 'POST',
      url: `/api/${test.project.name}/tracing/hits`,
      headers: {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        'x-flashback-key': test.project.ingestKey,
      },
      payload: gzipSync(JSON.stringify(batch)),
    });
    expect(gzipped.json()).toEqual({ stored: 1, dropped: 0, rejected: [] });

    const bad = await api.send('gzip', [{ ...snapshotHit(id), frames: [{ line: 'x' }] } as never]);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('FB_ERR_INVALID_BATCH');
    expect(bad.json().message).toContain('hits[0].frames[0].function');
  });

  it('stores the valid hits of a batch and lists the invalid ones', async () => {
    const id = await placed({ ...snapshotAt, service: 'mixed', kind: 'log', template: 'x' });
    const res = await api.send('mixed', [
      { kind: 'log', actionId: id, at: now(), message: 'kept' },
      { kind: 'log', actionId: id, at: 'yesterday', message: 'bad time' },
    ]);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ stored: 1, dropped: 0, rejected: [{ index: 1 }] });
    expect(res.json().rejected[0].errors[0].path).toBe('hits[1].at');
  });

  it('needs the ingest key: 401 without one, 403 with another', async () => {
    expect((await api.poll('service=x', null)).statusCode).toBe(401);
    expect((await api.poll('service=x', 'fbk_wrong')).statusCode).toBe(403);
    expect((await api.send('x', [snapshotHit('a')], null)).statusCode).toBe(401);
    expect((await api.send('x', [snapshotHit('a')], 'fbk_wrong')).statusCode).toBe(403);
  });
});
