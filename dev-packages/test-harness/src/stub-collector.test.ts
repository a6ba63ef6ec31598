import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StubCollector, startStubCollector } from './stub-collector.js';

function post(collector: StubCollector, body: unknown, headers: Record<string, string> = {}, gzip = false) {
  const json = JSON.stringify(body);
  return fetch(`${collector.url}/api/${collector.project}/packages`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-flashback-key': collector.key,
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
      ...headers,
    },
    body: gzip ? gzipSync(json) : json,
  });
}

describe('stub collector', () => {
  let collector: StubCollector;
  beforeAll(async () => {
    collector = await startStubCollector({ project: 'shop', key: 'k1' });
  });
  afterAll(async () => {
    await collector.stop();
  });

  it('accepts packages, plain and gzip, and reports duplicates by id', async () => {
    const first = await post(collector, { packages: [{ id: 'a' }, { id: 'b' }] });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ accepted: ['a', 'b'], duplicates: [] });
    const second = await post(collector, { packages: [{ id: 'b' }, { id: 'c' }] }, {}, true);
    expect(await second.json()).toEqual({ accepted: ['c'], duplicates: ['b'] });
    expect(collector.packages().map((p) => p.id)).toEqual(['a', 'b', 'c']);
    expect(collector.requests().map((r) => [r.gzip, r.packageCount, r.status])).toEqual([
      [false, 2, 200],
      [true, 2, 200],
    ]);
    expect(collector.dsn).toBe(`http://k1@127.0.0.1:${collector.port}/shop`);
  });

  it('answers 401 without a key and 403 with a wrong one', async () => {
    expect((await post(collector, { packages: [] }, { 'x-flashback-key': '' })).status).toBe(403);
    const res = await fetch(`${collector.url}/api/shop/packages`, {
      method: 'POST',
      body: '{"packages":[]}',
    });
    expect(res.status).toBe(401);
    expect((await post(collector, { packages: [] }, { 'x-flashback-key': 'nope' })).status).toBe(403);
  });

  it('answers 400 to a body that is not a batch', async () => {
    expect((await post(collector, { nope: true })).status).toBe(400);
  });

  it('fails the next N requests on demand, storing nothing', async () => {
    collector.failNext(2);
    expect((await post(collector, { packages: [{ id: 'f1' }] })).status).toBe(503);
    expect((await post(collector, { packages: [{ id: 'f1' }] })).status).toBe(503);
    expect((await post(collector, { packages: [{ id: 'f1' }] })).status).toBe(200);
    expect(collector.packages().filter((p) => p.id === 'f1')).toHaveLength(1);
  });

  it('refuses connections while stopped and serves again on the same port after restart', async () => {
    await collector.stop();
    await expect(post(collector, { packages: [{ id: 's1' }] })).rejects.toThrow();
    await collector.restart();
    expect((await post(collector, { packages: [{ id: 's1' }] })).status).toBe(200);
    await expect(collector.waitForPackages(5, 1_000)).resolves.toHaveLength(5);
  });
});
