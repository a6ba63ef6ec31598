import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProject, createReadToken } from '../../src/app/project-admin.js';
import { explainedPackage, occurrences, unexplainedPackage } from '../ingest/package-factory.js';
import { startTestApp, type TestApp } from './test-app.js';

let t: TestApp;
let founderId: string;
beforeAll(async () => {
  t = await startTestApp();
  const founder = explainedPackage({ capturedAt: '2026-03-14T09:00:00.000Z' });
  founderId = founder.id;
  await t.ingest([founder, ...occurrences(2)]);
  await t.ingest([unexplainedPackage('a', { capturedAt: '2026-03-20T09:00:00.000Z' })]);
  await t.ingest([unexplainedPackage('b', { capturedAt: '2026-03-10T09:00:00.000Z' })]);
});
afterAll(async () => {
  await t.close();
});

interface IssueListBody {
  total: number;
  issues: { id: string; title: string; tier: number; count: number; fingerprint: string }[];
}

const list = async (query = ''): Promise<IssueListBody> => {
  const response = await t.read(`/api/projects/checkout/issues${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};

describe('read API authentication', () => {
  it('answers 401 without a token and with an unknown one', async () => {
    const none = await t.app.inject({ method: 'GET', url: '/api/projects/checkout/issues' });
    expect(none.statusCode).toBe(401);
    expect(none.json().code).toBe('FB_ERR_MISSING_TOKEN');
    const unknown = await t.read('/api/projects/checkout/issues', 'fbt_nope');
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().code).toBe('FB_ERR_INVALID_TOKEN');
  });

  it('does not let an ingest key read', async () => {
    const response = await t.read('/api/projects/checkout/issues', t.project.ingestKey);
    expect(response.statusCode).toBe(401);
  });

  it('keeps a project token to its project and lets an all-projects token read every one', async () => {
    const other = await createProject('billing', { storage: t.app.flashbackStorage });
    expect((await t.read('/api/projects/checkout/issues', other.readToken)).statusCode).toBe(403);
    // Not even whether a project exists leaks to a token of another project.
    expect((await t.read('/api/projects/nothing/issues', other.readToken)).statusCode).toBe(403);
    const admin = await createReadToken({ storage: t.app.flashbackStorage });
    expect((await t.read('/api/projects/checkout/issues', admin)).statusCode).toBe(200);
    expect((await t.read('/api/projects/nothing/issues', admin)).statusCode).toBe(404);
    const projects = (await t.read('/api/projects', admin))
      .json()
      .projects.map((p: { name: string }) => p.name);
    expect(projects).toEqual(['billing', 'checkout']);
    const own = (await t.read('/api/projects', other.readToken))
      .json()
      .projects.map((p: { name: string }) => p.name);
    expect(own).toEqual(['billing']);
  });
});

describe('issues', () => {
  it('lists issues by last seen, newest first', async () => {
    const body = await list();
    expect(body.total).toBe(3);
    expect(body.issues.map((i) => i.tier)).toEqual([3, 2, 3]);
  });

  it('filters by tier and status, and searches the title and fingerprint', async () => {
    expect((await list('?tier=2')).issues.map((i) => i.count)).toEqual([3]);
    expect((await list('?status=resolved')).total).toBe(0);
    expect((await list('?q=invarianterrorb')).issues.map((i) => i.title)).toEqual([
      'InvariantErrorB: ledger totals diverged',
    ]);
    expect((await list('?q=100%25')).total).toBe(0);
    const { fingerprint } = (await list('?tier=2')).issues[0] ?? { fingerprint: '' };
    expect((await list(`?q=${fingerprint.slice(0, 8)}`)).total).toBe(1);
  });

  it('sorts and pages', async () => {
    expect((await list('?sort=count')).issues[0]?.count).toBe(3);
    const page = await list('?limit=1&offset=1&sort=first_seen');
    expect(page.total).toBe(3);
    expect(page.issues).toHaveLength(1);
  });

  it('rejects a malformed query with 400', async () => {
    for (const query of ['?tier=9', '?status=gone', '?limit=0', '?sort=title', '?offset=-1']) {
      const response = await t.read(`/api/projects/checkout/issues${query}`);
      expect({ query, status: response.statusCode, code: response.json().code }).toEqual({
        query,
        status: 400,
        code: 'FB_ERR_INVALID_QUERY',
      });
    }
  });

  it('returns an issue with its triage, packages and reproductions', async () => {
    const issue = (await list('?tier=2')).issues[0];
    const response = await t.read(`/api/projects/checkout/issues/${issue?.id}`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.triage).toMatchObject({ tier: 2, cause: { kind: 'upstream-rejected' } });
    expect(body.triage.reason).toContain('upstream-rejected');
    expect(body.packages).toHaveLength(3);
    expect(body.reproductions).toEqual([]);
    const unexplained = (await list('?tier=3')).issues[0];
    const repro = (await t.read(`/api/projects/checkout/issues/${unexplained?.id}`)).json().reproductions;
    expect(repro).toMatchObject([{ status: 'queued', verdict: null }]);
  });

  it('answers 404 for an issue that does not exist', async () => {
    const response = await t.read('/api/projects/checkout/issues/6b4f1f7e-0000-4000-8000-000000000000');
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('FB_ERR_NOT_FOUND');
  });
});

describe('packages', () => {
  it('returns the stored package with its triage', async () => {
    const response = await t.read(`/api/projects/checkout/packages/${founderId}`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.package.id).toBe(founderId);
    expect(body.triage).toMatchObject({ tier: 2, cause: { kind: 'upstream-rejected' } });
    expect(body.receivedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('answers 404 for a package of another project', async () => {
    const other = await createProject('shipping', { storage: t.app.flashbackStorage });
    const admin = await createReadToken({ storage: t.app.flashbackStorage });
    expect((await t.read(`/api/projects/shipping/packages/${founderId}`, admin)).statusCode).toBe(404);
    expect((await t.read(`/api/projects/shipping/packages/${founderId}`, other.readToken)).statusCode).toBe(
      404,
    );
  });
});

describe('health and unknown routes', () => {
  it('reports health without a token', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    // Running from TypeScript sources, validation is inline (see validation-workers.test.ts).
    expect(response.json()).toEqual({
      status: 'ok',
      database: 'sqlite',
      queue: 'memory',
      validationWorkers: 0,
    });
  });

  it('answers 404 in the common error shape', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/nowhere' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ statusCode: 404, code: 'FB_ERR_NOT_FOUND' });
  });
});
