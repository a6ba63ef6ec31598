import { waitFor } from '@flashback-dev/test-harness';
import type { LightMyRequestResponse } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { createProject } from '../../src/app/project-admin.js';
import { addEscalationWebhook } from '../../src/app/service-admin.js';
import type { ReproductionOutcome, ReproductionWorker } from '../../src/queue/reproduction-worker.js';
import { startWebhookReceiver, type WebhookReceiver } from '../orchestrator/webhook-receiver.js';
import { demoPackage } from '../triage/support/demo-packages.js';
import { startTestApp, type TestApp } from './test-app.js';

let t: TestApp | undefined;
let receiver: WebhookReceiver | undefined;
afterEach(async () => {
  await t?.close();
  await receiver?.close();
  t = undefined;
  receiver = undefined;
});

/** A worker that answers each reproduction with the next scripted outcome (the last one repeats). */
function scriptedWorker(outcomes: ReproductionOutcome[]): ReproductionWorker {
  let calls = 0;
  return {
    reproduce: async () => outcomes[Math.min(calls++, outcomes.length - 1)] ?? { status: 'failed' },
  };
}

async function start(worker?: ReproductionWorker): Promise<TestApp> {
  t = await startTestApp(worker ? { reproductionWorker: worker } : {});
  return t;
}

function post(app: TestApp, url: string, body: unknown, token = app.project.readToken) {
  return app.app.inject({
    method: 'POST',
    url,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  });
}

/** Ingests one demo package and returns the id of its issue. */
async function issueOf(app: TestApp, bug: Parameters<typeof demoPackage>[0]): Promise<string> {
  const pkg = demoPackage(bug);
  expect((await app.ingest([pkg])).statusCode).toBe(200);
  const detail = (await app.read(`/api/projects/checkout/packages/${pkg.id}`)).json() as { issueId: string };
  return detail.issueId;
}

function expectError(response: LightMyRequestResponse, status: number, code: string, message: RegExp) {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.json()).toMatchObject({ code });
  expect(response.json().message).toMatch(message);
}

describe('notes and status', () => {
  it('adds notes and keeps a status change with its reason in the same history, oldest first', async () => {
    const app = await start();
    const issueId = await issueOf(app, 'bug1-zero-amount-charge');
    const base = `/api/projects/checkout/issues/${issueId}`;

    const added = await post(app, `${base}/notes`, { text: 'the promo makes the total 0.00', author: 'ana' });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json().note).toMatchObject({ kind: 'note', author: 'ana', issueId });

    const status = await post(app, `${base}/status`, { status: 'resolved', reason: 'fixed in 1.4.3' });
    expect(status.statusCode, status.body).toBe(200);
    expect(status.json().issue).toEqual({ id: issueId, status: 'resolved', previousStatus: 'open' });
    const issue = (await app.read(base)).json() as { issue: { status: string } };
    expect(issue.issue.status).toBe('resolved');

    const notes = (await app.read(`${base}/notes`)).json() as { notes: { kind: string; text: string }[] };
    expect(notes.notes.map((n) => [n.kind, n.text])).toEqual([
      ['note', 'the promo makes the total 0.00'],
      ['status', 'open → resolved: fixed in 1.4.3 (without a fixed verification)'],
    ]);
  });

  it('refuses an empty note, an unknown status, a missing reason and an unknown issue', async () => {
    const app = await start();
    const issueId = await issueOf(app, 'bug1-zero-amount-charge');
    const base = `/api/projects/checkout/issues/${issueId}`;
    expectError(await post(app, `${base}/notes`, { text: '' }), 400, 'FB_ERR_INVALID_QUERY', /text/);
    expectError(
      await post(app, `${base}/status`, { status: 'closed', reason: 'x' }),
      400,
      'FB_ERR_INVALID_QUERY',
      /status/,
    );
    expectError(
      await post(app, `${base}/status`, { status: 'ignored' }),
      400,
      'FB_ERR_INVALID_QUERY',
      /reason/,
    );
    expectError(
      await post(app, '/api/projects/checkout/issues/nope/notes', { text: 'x' }),
      404,
      'FB_ERR_NOT_FOUND',
      /project checkout has no issue nope/,
    );
  });

  it('needs a token of the project to write', async () => {
    const app = await start();
    const issueId = await issueOf(app, 'bug1-zero-amount-charge');
    const url = `/api/projects/checkout/issues/${issueId}/notes`;
    expectError(await post(app, url, { text: 'x' }, 'fbt_nope'), 401, 'FB_ERR_INVALID_TOKEN', /not known/);
    const other = await createProject('billing', { storage: app.app.flashbackStorage });
    expectError(await post(app, url, { text: 'x' }, other.readToken), 403, 'FB_ERR_FORBIDDEN', /checkout/);
    const none = await app.app.inject({ method: 'GET', url });
    expect(none.statusCode).toBe(401);
  });
});

describe('reproductions on request', () => {
  it('queues the newest package, returns 202, and the verdict is readable by id', async () => {
    const app = await start(scriptedWorker([{ status: 'reproduced', verdict: { summary: 'same error' } }]));
    const issueId = await issueOf(app, 'bug2-deleted-customer');
    const queued = await post(app, `/api/projects/checkout/issues/${issueId}/reproductions`, {});
    expect(queued.statusCode, queued.body).toBe(202);
    const { reproduction, queued: fresh } = queued.json() as {
      reproduction: { id: string };
      queued: boolean;
    };
    expect(fresh).toBe(true);

    const done = await waitFor(
      async () => {
        const r = (await app.read(`/api/projects/checkout/reproductions/${reproduction.id}`)).json();
        return r.reproduction.status === 'reproduced' ? r.reproduction : undefined;
      },
      { what: 'the requested reproduction to finish' },
    );
    expect(done).toMatchObject({ issueId, verdict: { summary: 'same error' } });
  });

  it('returns the pending reproduction instead of queuing the same package twice', async () => {
    const app = await start(); // no worker: jobs stay queued
    const issueId = await issueOf(app, 'bug2-deleted-customer');
    const url = `/api/projects/checkout/issues/${issueId}/reproductions`;
    const first = (await post(app, url, {})).json();
    const second = (await post(app, url, {})).json();
    expect(second.queued).toBe(false);
    expect(second.reproduction.id).toBe(first.reproduction.id);
  });

  it('answers 404 for a reproduction of another project and a package of another issue', async () => {
    const app = await start();
    const issueId = await issueOf(app, 'bug2-deleted-customer');
    const otherPkg = demoPackage('bug1-zero-amount-charge');
    await app.ingest([otherPkg]);
    expectError(
      await post(app, `/api/projects/checkout/issues/${issueId}/reproductions`, { packageId: otherPkg.id }),
      404,
      'FB_ERR_NOT_FOUND',
      new RegExp(`has no package ${otherPkg.id}`),
    );
    expectError(
      await app.read('/api/projects/checkout/reproductions/does-not-exist'),
      404,
      'FB_ERR_NOT_FOUND',
      /has no reproduction does-not-exist/,
    );
  });
});

describe('triage decisions', () => {
  it('tier 3 sets the tier with the reason and queues a reproduction', async () => {
    const app = await start();
    const issueId = await issueOf(app, 'bug2-deleted-customer');
    const response = await post(app, `/api/projects/checkout/issues/${issueId}/triage`, {
      tier: 3,
      reason: 'the null customer may come from a race, not the missing row',
      author: 'agent',
    });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.issue).toMatchObject({ tier: 3 });
    expect(body.reproduction.status).toBe('queued');
    expect(body.note).toMatchObject({ kind: 'triage', author: 'agent' });
    const issue = (await app.read(`/api/projects/checkout/issues/${issueId}`)).json();
    expect(issue.issue.tierReason).toBe('the null customer may come from a race, not the missing row');
  });

  it('tier 4 escalates with the reason and tells the webhooks', async () => {
    const app = await start();
    receiver = await startWebhookReceiver();
    await addEscalationWebhook('checkout', receiver.url, { storage: app.app.flashbackStorage });
    const issueId = await issueOf(app, 'bug1-zero-amount-charge');
    const response = await post(app, `/api/projects/checkout/issues/${issueId}/triage`, {
      tier: 4,
      reason: 'depends on the gateway’s clock skew',
    });
    expect(response.statusCode, response.body).toBe(200);
    const expectedReason =
      'The failure depends on things outside the timeline: depends on the gateway’s clock skew';
    expect(response.json().issue).toEqual({ id: issueId, tier: 4, tierReason: expectedReason });

    const [hook] = await waitFor(() => receiver?.received.length === 1 && receiver.received, {
      what: 'the escalation webhook',
    });
    expect(JSON.parse(hook?.body ?? '')).toMatchObject({
      event: 'issue.escalated',
      issue: { id: issueId, tier: 4, reason: expectedReason },
    });
  });

  it('refuses tier 4 while a reproduction runs or after one reproduced, and tiers other than 3 and 4', async () => {
    const app = await start();
    const issueId = await issueOf(app, 'bug7-duplicate-payments'); // tier 3: queued at ingest, no worker
    const url = `/api/projects/checkout/issues/${issueId}/triage`;
    expectError(
      await post(app, url, { tier: 4, reason: 'x' }),
      400,
      'FB_ERR_BAD_REQUEST',
      /is queued; .* wait/,
    );
    expectError(await post(app, url, { tier: 2, reason: 'x' }), 400, 'FB_ERR_INVALID_QUERY', /tier/);
  });

  it('refuses tier 4 for a reproduced issue', async () => {
    const app = await start(scriptedWorker([{ status: 'reproduced' }]));
    const issueId = await issueOf(app, 'bug7-duplicate-payments');
    await waitFor(
      async () => {
        const detail = (await app.read(`/api/projects/checkout/issues/${issueId}`)).json();
        return detail.reproductions[0]?.status === 'reproduced';
      },
      { what: 'the reproduction queued at ingest to finish' },
    );
    expectError(
      await post(app, `/api/projects/checkout/issues/${issueId}/triage`, { tier: 4, reason: 'x' }),
      400,
      'FB_ERR_BAD_REQUEST',
      /reproduced this issue/,
    );
  });
});
