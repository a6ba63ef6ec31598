/**
 * Verifications of an issue through the API: recorded with the read token, listed in the issue
 * detail, and the rule that resolving needs a `fixed` verification unless forced.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProject } from '../../src/app/project-admin.js';
import { unexplainedPackage } from '../ingest/package-factory.js';
import { startTestApp, type TestApp } from './test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

function post(url: string, body: unknown, token = t.project.readToken): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method: 'POST',
    url,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  });
}

/** A fresh issue of its own (one package of a new error type), by id. */
async function newIssue(variant: string): Promise<string> {
  const pkg = unexplainedPackage(variant);
  expect((await t.ingest([pkg])).statusCode).toBe(200);
  return (await t.read(`/api/projects/checkout/packages/${pkg.id}`)).json().issueId as string;
}

const verified = (outcome: string, summary = `${outcome} at abc123`) => ({
  outcome,
  summary,
  appRevision: 'abc123',
  verdict: { status: outcome === 'fixed' ? 'not-reproduced' : 'reproduced' },
});

describe('verifications', () => {
  it('are recorded and listed newest first, in the issue detail too', async () => {
    const issueId = await newIssue('verified');
    const base = `/api/projects/checkout/issues/${issueId}`;
    const first = await post(`${base}/verifications`, verified('still-failing'));
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().verification).toMatchObject({
      issueId,
      outcome: 'still-failing',
      appRevision: 'abc123',
    });
    expect((await post(`${base}/verifications`, verified('fixed'))).statusCode).toBe(201);

    const listed = (await t.read(`${base}/verifications`)).json().verifications;
    expect(listed.map((v: { outcome: string }) => v.outcome)).toEqual(['fixed', 'still-failing']);
    const detail = (await t.read(base)).json();
    expect(detail.verifications).toEqual(listed);
    expect(detail.verifications[0].verdict).toEqual({ status: 'not-reproduced' });
  });

  it('refuse an unknown outcome, a missing summary and an unknown issue', async () => {
    const issueId = await newIssue('bad-input');
    const base = `/api/projects/checkout/issues/${issueId}`;
    const unknown = await post(`${base}/verifications`, { outcome: 'maybe', summary: 'x' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().message).toContain('outcome');
    expect((await post(`${base}/verifications`, { outcome: 'fixed' })).statusCode).toBe(400);
    const missing = await post(
      '/api/projects/checkout/issues/no-such-issue/verifications',
      verified('fixed'),
    );
    expect(missing.statusCode).toBe(404);
    expect(missing.json().message).toBe('project checkout has no issue no-such-issue');
  });

  it('need a token of the project', async () => {
    const issueId = await newIssue('auth');
    const url = `/api/projects/checkout/issues/${issueId}/verifications`;
    const none = await t.app.inject({ method: 'POST', url, payload: verified('fixed') });
    expect(none.statusCode).toBe(401);
    const other = await createProject('billing-verify', { storage: t.app.flashbackStorage });
    expect((await post(url, verified('fixed'), other.readToken)).statusCode).toBe(403);
  });
});

describe('resolving an issue', () => {
  it('is refused without any verification, saying how to verify or force it', async () => {
    const issueId = await newIssue('unverified');
    const response = await post(`/api/projects/checkout/issues/${issueId}/resolve`, {});
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('FB_ERR_NOT_VERIFIED');
    expect(response.json().message).toContain('it has no verification');
    expect(response.json().message).toContain(`flashback verify ${issueId}`);
    expect((await t.read(`/api/projects/checkout/issues/${issueId}`)).json().issue.status).toBe('open');
  });

  it('is refused when the latest verification is not fixed, even after an earlier fixed one', async () => {
    const issueId = await newIssue('regressed');
    const base = `/api/projects/checkout/issues/${issueId}`;
    await post(`${base}/verifications`, verified('fixed'));
    await post(`${base}/verifications`, verified('different-error', 'TypeError at def456'));
    const response = await post(`${base}/resolve`, {});
    expect(response.statusCode).toBe(409);
    expect(response.json().message).toContain(
      'its latest verification says different-error: TypeError at def456',
    );
  });

  it('succeeds with a fixed verification, and keeps why in the issue notes', async () => {
    const issueId = await newIssue('fixed');
    const base = `/api/projects/checkout/issues/${issueId}`;
    await post(`${base}/verifications`, verified('still-failing'));
    await post(`${base}/verifications`, verified('fixed', 'no longer reproduces at abc123 (200)'));
    const response = await post(`${base}/resolve`, {});
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      issue: { id: issueId, status: 'resolved', previousStatus: 'open' },
      verification: { outcome: 'fixed' },
      forced: false,
    });
    expect((await t.read(base)).json().issue.status).toBe('resolved');
    const notes = (await t.read(`${base}/notes`)).json().notes.map((n: { text: string }) => n.text);
    expect(notes).toEqual(['open → resolved: verified fixed (no longer reproduces at abc123 (200))']);
  });

  it('a status change to resolved records whether the latest verification says fixed', async () => {
    const issueId = await newIssue('status-after-verify');
    const base = `/api/projects/checkout/issues/${issueId}`;
    await post(`${base}/verifications`, verified('fixed', 'no longer reproduces at abc123 (200)'));
    const response = await post(`${base}/status`, { status: 'resolved', reason: 'shipped in 1.4.3' });
    expect(response.statusCode, response.body).toBe(200);
    const notes = (await t.read(`${base}/notes`)).json().notes.map((n: { text: string }) => n.text);
    expect(notes).toEqual([
      'open → resolved: shipped in 1.4.3 (verified fixed: no longer reproduces at abc123 (200))',
    ]);
  });

  it('succeeds without a verification when forced, and says so', async () => {
    const issueId = await newIssue('forced');
    const base = `/api/projects/checkout/issues/${issueId}`;
    const response = await post(`${base}/resolve`, { force: true, reason: 'the feature was removed' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ verification: null, forced: true });
    const notes = (await t.read(`${base}/notes`)).json().notes.map((n: { text: string }) => n.text);
    expect(notes).toEqual([
      'open → resolved: resolved without a fixed verification: the feature was removed',
    ]);
  });
});

describe('finding the project of an issue from its id', () => {
  it('answers the project for a token that may read it, and 404 for anyone else', async () => {
    const issueId = await newIssue('lookup');
    const found = await t.read(`/api/issues/${issueId}/project`);
    expect(found.statusCode).toBe(200);
    expect(found.json()).toEqual({ project: 'checkout', issueId });
    const other = await createProject('billing-lookup', { storage: t.app.flashbackStorage });
    // Another project's token learns nothing, not even that the issue exists.
    const hidden = await t.read(`/api/issues/${issueId}/project`, other.readToken);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().message).toBe(`there is no issue ${issueId}`);
    expect((await t.read('/api/issues/no-such-issue/project')).statusCode).toBe(404);
  });
});
