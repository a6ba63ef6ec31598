import { createHmac } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { ErrorPackage } from '@flashback/protocol';
import { waitFor } from '@flashback-dev/test-harness';
import { bugRequests, checkoutEnvAllowlist } from '@flashback-examples/checkout/requests';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startCheckout } from '../../../../examples/checkout/test/start-checkout.js';
import { addEscalationWebhook, addService } from '../../src/app/service-admin.js';
import type { EscalationPayload } from '../../src/notify/escalation-webhook.js';
import type { ReproBundle } from '../../src/orchestrator/repro-bundle.js';
import { startTestApp, type TestApp } from '../api/test-app.js';
import { demoPackage } from '../triage/support/demo-packages.js';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.js';

const CHECKOUT_DIR = fileURLToPath(new URL('../../../../examples/checkout', import.meta.url));

interface IssueDetail {
  issue: { id: string; tier: number; tierReason: string; count: number };
  reproductions: {
    status: string;
    verdict: { status: string; summary: string } | null;
    bundle: ReproBundle | null;
  }[];
}

let app: TestApp | undefined;
let receiver: WebhookReceiver | undefined;
afterEach(async () => {
  await app?.close();
  await receiver?.close();
  app = undefined;
  receiver = undefined;
});

let capturedBug7: ErrorPackage;

beforeAll(async () => {
  // A package captured now from the real service (bug 7: no tier-2 rule explains it).
  const bug = bugRequests.find((b) => b.id === 'installments-duplicate-payments');
  if (!bug) throw new Error('checkout bug 7 is missing from the example requests');
  const checkout = await startCheckout({
    preloadSdk: true,
    env: { FLASHBACK_ENV_ALLOWLIST: checkoutEnvAllowlist },
  });
  try {
    await checkout.app.request(bug.method, bug.path, bug.body);
    capturedBug7 = (await checkout.app.waitForPackages(1)).at(-1) as ErrorPackage;
  } finally {
    await checkout.stop();
  }
}, 60_000);

/** Ingests bug 7 and waits until its reproduction has finished. */
async function ingestAndSettle(
  test: TestApp,
  pkg: ErrorPackage = demoPackage('bug7-duplicate-payments'),
): Promise<IssueDetail> {
  const response = await test.ingest([pkg]);
  expect(response.statusCode).toBe(200);
  const { issues } = (await test.read('/api/projects/checkout/issues')).json() as {
    issues: { id: string }[];
  };
  const issueId = issues[0]?.id ?? '';
  return waitFor(
    async () => {
      const detail = (await test.read(`/api/projects/checkout/issues/${issueId}`)).json() as IssueDetail;
      const done = detail.reproductions[0] && !['queued', 'running'].includes(detail.reproductions[0].status);
      return done ? detail : undefined;
    },
    { what: 'the reproduction to finish', timeoutMs: 90_000, intervalMs: 100 },
  );
}

describe('tier 3: a novel issue is reproduced with the registered app spec', () => {
  it('stores the verdict and the repro bundle and marks the issue reproduced (real sandbox, real app)', async () => {
    app = await startTestApp({ replay: { sandbox: 'auto', timeLimitMs: 60_000 } });
    await addService(
      'checkout',
      { name: 'checkout', dir: CHECKOUT_DIR, start: 'node src/server.js', readyPath: '/health' },
      { storage: app.app.flashbackStorage },
    );
    receiver = await startWebhookReceiver();
    await addEscalationWebhook('checkout', receiver.url, { storage: app.app.flashbackStorage });

    const detail = await ingestAndSettle(app, capturedBug7);
    const [repro] = detail.reproductions;
    expect(repro?.status, JSON.stringify(repro?.verdict)).toBe('reproduced');
    expect(repro?.verdict?.status).toBe('reproduced');
    expect(detail.issue.tier).toBe(3);
    expect(detail.issue.tierReason).toMatch(/^Reproduced in the (namespace|process) sandbox in \d+\.\d s: /);

    const bundle = repro?.bundle as ReproBundle;
    expect(bundle.format).toBe('flashback.repro-bundle/1');
    expect(bundle.app).toEqual({ service: 'checkout', dir: CHECKOUT_DIR, start: 'node src/server.js' });
    expect(bundle.fixture?.databases.map((d) => d.system).sort()).toEqual(['postgresql', 'sqlite']);
    // Every recorded HTTP and Redis event is served by exactly one stub.
    const served = [
      ...bundle.stubs.http.flatMap((h) => h.exchanges),
      ...bundle.stubs.redis.flatMap((r) => r.commands),
    ];
    const recorded = capturedBug7.timeline
      .filter((e) => e.type === 'http' || e.type === 'redis')
      .map((e) => e.seq);
    expect(served.sort((a, b) => a - b)).toEqual(recorded);
    // Bug 7 talks only to its databases: the fixture holds the rows its queries read.
    const rows = bundle.fixture?.databases.flatMap((d) => d.tables).reduce((n, t) => n + t.rows.length, 0);
    expect(rows).toBeGreaterThan(0);
    expect(bundle.log).toMatch(/trigger: POST \/checkout/);
    expect(bundle.log).toMatch(/verdict: reproduced/);
    // Reproduced is not an escalation: nobody is paged.
    expect(receiver.received).toEqual([]);
  }, 120_000);
});

describe('tier 4: escalated to a developer, with a webhook', () => {
  it('escalates a service without an app spec and POSTs a signed summary with links', async () => {
    app = await startTestApp({
      replay: { sandbox: 'process' },
      publicUrl: 'https://flashback.example.com',
    });
    receiver = await startWebhookReceiver();
    await addEscalationWebhook('checkout', receiver.url, {
      storage: app.app.flashbackStorage,
      secret: 'hook-secret',
    });

    const detail = await ingestAndSettle(app);
    expect(detail.reproductions[0]?.status).toBe('failed');
    expect(detail.issue.tier).toBe(4);
    expect(detail.issue.tierReason).toContain('No app spec is registered for this service');
    expect(detail.issue.tierReason).toContain('flashback services add checkout');

    const [hook] = await waitFor(() => receiver?.received.length === 1 && receiver.received, {
      what: 'the webhook',
    });
    const signature = createHmac('sha256', 'hook-secret')
      .update(hook?.body ?? '')
      .digest('hex');
    expect(hook?.headers['x-flashback-signature']).toBe(`sha256=${signature}`);
    expect(hook?.headers['x-flashback-event']).toBe('issue.escalated');
    const payload = JSON.parse(hook?.body ?? '') as EscalationPayload;
    expect(payload).toMatchObject({
      event: 'issue.escalated',
      project: 'checkout',
      issue: { id: detail.issue.id, tier: 4, service: 'checkout', count: 1 },
      reproduction: { status: 'failed' },
      links: {
        issue: `https://flashback.example.com/#/checkout/issues/${detail.issue.id}`,
        api: `https://flashback.example.com/api/projects/checkout/issues/${detail.issue.id}`,
      },
    });
    expect(payload.issue.reason).toBe(detail.issue.tierReason);
  }, 60_000);

  it('escalates a run that errors (the app cannot start) with the engine’s reason', async () => {
    app = await startTestApp({ replay: { sandbox: 'process', timeLimitMs: 20_000 } });
    await addService(
      'checkout',
      { name: 'checkout', dir: CHECKOUT_DIR, start: 'node does-not-exist.js' },
      { storage: app.app.flashbackStorage },
    );
    const detail = await ingestAndSettle(app);
    expect(detail.reproductions[0]?.status).toBe('failed');
    expect(detail.reproductions[0]?.verdict?.status).toBe('error');
    expect(detail.issue.tier).toBe(4);
    expect(detail.issue.tierReason).toMatch(/^Reproduction could not be run to a verdict: /);
    expect(detail.reproductions[0]?.bundle?.log).toMatch(/starting the app: node does-not-exist\.js/);
  }, 60_000);
});
