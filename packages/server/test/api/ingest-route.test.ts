import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countPackages } from '../../src/storage/package-store.js';
import { explainedPackage, occurrences, unexplainedPackage } from '../ingest/package-factory.js';
import { replyIds, startTestApp, type TestApp } from './test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp({ limits: { maxBodyBytes: 256 * 1024, maxDecompressedBytes: 1024 * 1024 } });
});
afterEach(async () => {
  await t.close();
});

const stored = () => countPackages(t.app.flashbackStorage.db);

describe('POST /api/:project/packages', () => {
  it('stores a gzip batch and acknowledges every id only after it is readable', async () => {
    const packages = occurrences(3);
    const response = await t.ingest(packages);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ accepted: packages.map((p) => p.id), duplicates: [], rejected: [] });
    const read = await t.read(`/api/projects/checkout/packages/${packages[0]?.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json().package.error.type).toBe('GatewayError');
  });

  it('stores a package as the client sent it, fields from newer SDKs included', async () => {
    const pkg = { ...explainedPackage(), futureField: { added: 'in a later format revision' } };
    expect((await t.ingest([pkg])).statusCode).toBe(200);
    const read = await t.read(`/api/projects/checkout/packages/${pkg.id}`);
    expect(read.json().package).toEqual(JSON.parse(JSON.stringify(pkg)));
  });

  it('accepts an uncompressed body too', async () => {
    const response = await t.ingest([explainedPackage()], { gzip: false });
    expect(response.statusCode).toBe(200);
    expect(await stored()).toBe(1);
  });

  it('reports a package sent again as a duplicate and counts it once', async () => {
    const [first, second] = occurrences(2);
    if (!first || !second) throw new Error('unreachable');
    expect(replyIds(await t.ingest([first]))).toEqual({ accepted: [first.id], duplicates: [] });
    // Again, and repeated inside one batch: each id is stored once.
    const again = replyIds(await t.ingest([first, second, second]));
    expect(again.accepted).toEqual([second.id]);
    expect(again.duplicates.sort()).toEqual([first.id, second.id].sort());
    expect(await stored()).toBe(2);
    const issues = (await t.read('/api/projects/checkout/issues')).json();
    expect(issues.issues[0].count).toBe(2);
  });

  it('answers 401 without a key, 403 with a wrong key, 404 for an unknown project', async () => {
    const pkg = explainedPackage();
    const missing = await t.ingest([pkg], { key: null });
    expect(missing.statusCode).toBe(401);
    expect(missing.json().code).toBe('FB_ERR_MISSING_KEY');
    const wrong = await t.ingest([pkg], { key: 'fbk_wrong' });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().code).toBe('FB_ERR_INVALID_KEY');
    const unknown = await t.ingest([pkg], { project: 'billing' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().message).toContain('flashback projects create');
    expect(await stored()).toBe(0);
  });

  it('stores the valid packages of a mixed batch and names the path at fault in the others', async () => {
    const good = explainedPackage();
    const bad = { ...explainedPackage(), timeline: [{ type: 'db', seq: -1 }] };
    const response = await t.ingest([bad, good, 42]);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.accepted).toEqual([good.id]);
    expect(body.rejected.map((r: { index: number }) => r.index)).toEqual([0, 2]);
    expect(body.rejected[0].id).toBe(bad.id);
    expect(body.rejected[0].errors.map((e: { path: string }) => e.path)).toContain(
      'packages[0].timeline[0].seq',
    );
    expect(body.rejected[1].errors[0].path).toBe('packages[2]');
    expect(await stored()).toBe(1);
  });

  it('answers 400 with the reasons when no package in the batch is valid', async () => {
    const response = await t.ingest([{ ...explainedPackage(), format: 'something/else' }]);
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.code).toBe('FB_ERR_INVALID_PACKAGES');
    expect(body.rejected[0].errors[0].path).toBe('packages[0].format');
    expect(body.errors[0].path).toBe('packages[0].format');
    expect(await stored()).toBe(0);
  });

  it('answers 400 for bodies that are not a batch', async () => {
    for (const [payload, code] of [
      ['{"packages": [', 'FB_ERR_INVALID_JSON'],
      ['[]', 'FB_ERR_INVALID_BATCH'],
      ['{"packages": {}}', 'FB_ERR_INVALID_BATCH'],
      ['{"packages": []}', 'FB_ERR_INVALID_BATCH'],
      [`{"packages": ${'['.repeat(500)}${']'.repeat(500)}}`, 'FB_ERR_TOO_DEEP'],
    ] as const) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/checkout/packages',
        headers: { 'content-type': 'application/json', 'x-flashback-key': t.project.ingestKey },
        payload,
      });
      expect({
        payload: payload.slice(0, 20),
        status: response.statusCode,
        code: response.json().code,
      }).toEqual({
        payload: payload.slice(0, 20),
        status: 400,
        code,
      });
    }
  });

  it('answers 413 above the size limit on the wire and once decompressed', async () => {
    const huge = Buffer.alloc(300 * 1024, 0x20);
    const wire = await t.app.inject({
      method: 'POST',
      url: '/api/checkout/packages',
      headers: { 'content-type': 'application/json', 'x-flashback-key': t.project.ingestKey },
      payload: huge,
    });
    expect(wire.statusCode).toBe(413);
    expect(wire.json().code).toBe('FB_ERR_BODY_TOO_LARGE');

    // 8 MiB of spaces compresses to about 8 KiB: small on the wire, a bomb once inflated.
    const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(256 * 1024);
    const inflated = await t.app.inject({
      method: 'POST',
      url: '/api/checkout/packages',
      headers: {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        'x-flashback-key': t.project.ingestKey,
      },
      payload: bomb,
    });
    expect(inflated.statusCode).toBe(413);
    expect(inflated.json().code).toBe('FB_ERR_DECOMPRESSED_TOO_LARGE');
  });

  it('answers 415 for other media types and encodings', async () => {
    const send = (headers: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url: '/api/checkout/packages',
        headers: { 'x-flashback-key': t.project.ingestKey, ...headers },
        payload: JSON.stringify({ packages: [explainedPackage()] }),
      });
    expect((await send({ 'content-type': 'text/plain' })).statusCode).toBe(415);
    const br = await send({ 'content-type': 'application/json', 'content-encoding': 'br' });
    expect(br.statusCode).toBe(415);
    expect(br.json().code).toBe('FB_ERR_UNSUPPORTED_ENCODING');
  });
});

describe('database outage', () => {
  it('answers 503 with Retry-After, so the SDK keeps the packages and tries again', async () => {
    const down = await startTestApp();
    try {
      // Warm the project cache, then lose the database.
      expect((await down.ingest([explainedPackage()])).statusCode).toBe(200);
      await down.app.flashbackStorage.db.destroy();
      const response = await down.ingest([explainedPackage()]);
      expect(response.statusCode).toBe(503);
      expect(response.headers['retry-after']).toBe('5');
      expect(response.json().code).toBe('FB_ERR_STORAGE_UNAVAILABLE');
      const health = await down.app.inject({ method: 'GET', url: '/api/health' });
      expect(health.statusCode).toBe(503);
    } finally {
      await down.close();
    }
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After once a project exceeds its rate', async () => {
    const limited = await startTestApp({ limits: { packagesPerSecond: 1, burstPackages: 3 } });
    try {
      expect((await limited.ingest(occurrences(3))).statusCode).toBe(200);
      const response = await limited.ingest(occurrences(2));
      expect(response.statusCode).toBe(429);
      expect(Number(response.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(response.json().code).toBe('FB_ERR_RATE_LIMITED');
      expect(await countPackages(limited.app.flashbackStorage.db)).toBe(3);
    } finally {
      await limited.close();
    }
  });
});

describe('inline triage', () => {
  it('explains a new issue at tier 2 and counts later occurrences at tier 1', async () => {
    const [founder, ...later] = occurrences(3);
    await t.ingest([founder]);
    await t.ingest(later);
    const list = (await t.read('/api/projects/checkout/issues')).json();
    expect(list.total).toBe(1);
    const issue = list.issues[0];
    expect(issue).toMatchObject({ tier: 2, count: 3, status: 'open', errorType: 'GatewayError' });
    expect(issue.cause.kind).toBe('upstream-rejected');
    const detail = (await t.read(`/api/projects/checkout/issues/${issue.id}`)).json();
    expect(detail.triage.tier).toBe(2);
    const tiers = new Map(detail.packages.map((p: { id: string; tier: number }) => [p.id, p.tier]));
    expect(tiers.get(founder?.id)).toBe(2);
    expect(later.map((p) => tiers.get(p.id))).toEqual([1, 1]);
  });

  it('keeps first and last seen and the affected service versions', async () => {
    await t.ingest([
      explainedPackage({ capturedAt: '2026-03-14T10:00:00.000Z' }),
      explainedPackage({
        capturedAt: '2026-03-12T08:00:00.000Z',
        service: { name: 'checkout', version: '1.4.1' },
      }),
    ]);
    await t.ingest([explainedPackage({ capturedAt: '2026-03-15T12:30:00.000Z' })]);
    const issue = (await t.read('/api/projects/checkout/issues')).json().issues[0];
    expect(issue).toMatchObject({
      firstSeen: '2026-03-12T08:00:00.000Z',
      lastSeen: '2026-03-15T12:30:00.000Z',
      count: 3,
    });
    const detail = (await t.read(`/api/projects/checkout/issues/${issue.id}`)).json();
    expect(detail.issue.serviceVersions.map((v: { version: string }) => v.version)).toEqual([
      '1.4.1',
      '1.4.2',
    ]);
  });

  it('queues one reproduction for a new unexplained issue', async () => {
    await t.ingest([unexplainedPackage('a'), unexplainedPackage('a'), unexplainedPackage('b')]);
    const list = (await t.read('/api/projects/checkout/issues?tier=3')).json();
    expect(list.total).toBe(2);
    for (const issue of list.issues) {
      expect(issue.reproductionStatus).toBe('queued');
      const detail = (await t.read(`/api/projects/checkout/issues/${issue.id}`)).json();
      expect(detail.reproductions).toHaveLength(1);
    }
  });

  it('gives concurrent requests with the same new fingerprint one founder', async () => {
    const responses = await Promise.all(occurrences(6).map((pkg) => t.ingest([pkg])));
    expect(responses.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200, 200]);
    const issue = (await t.read('/api/projects/checkout/issues')).json().issues[0];
    const detail = (await t.read(`/api/projects/checkout/issues/${issue.id}`)).json();
    const tiers = detail.packages.map((p: { tier: number }) => p.tier).sort();
    expect(tiers).toEqual([1, 1, 1, 1, 1, 2]);
    expect(issue.count).toBe(6);
  });
});
