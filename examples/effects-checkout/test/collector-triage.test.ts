/**
 * The failed execution reaches a real collector as an error package: it validates against the
 * protocol schema, the collector accepts it, and tier-2 triage explains it as the gateway's refusal.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { toTrace } from '@flashback/effects';
import { buildErrorPackage, ingestRequest } from '@flashback/effects/collector';
import { validatePackage } from '@flashback/protocol';
import { buildApp, createProject } from '@flashback/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkout } from '../src/checkout.js';
import { type ShopUnderTest, startShop } from './shop-under-test.js';

type App = Awaited<ReturnType<typeof buildApp>>;

let app: App;
let dataDir: string;
let project: Awaited<ReturnType<typeof createProject>>;
let shop: ShopUnderTest;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'effects-collector-'));
  app = await buildApp({ dataDir, database: 'sqlite::memory:' });
  project = await createProject('checkout', { storage: app.flashbackStorage });
  shop = await startShop();
});

afterAll(async () => {
  await shop?.stop();
  await app?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const read = (url: string) =>
  app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${project.readToken}` } });

describe('the error package of the failed promo checkout', () => {
  it('validates, is accepted, and is explained as the gateway rejecting a $0.00 charge', async () => {
    const execution = await shop.runtime.run(checkout, { cartId: 'cart-promo', paymentSource: 'tok_visa' });
    const pkg = buildErrorPackage(toTrace(execution));
    if (!pkg) throw new Error('a failed execution must give a package');
    const validation = validatePackage(pkg);
    expect(validation.ok ? [] : validation.errors).toEqual([]);
    expect(pkg.timeline.map((e) => e.type)).toEqual(['db', 'db', 'db', 'http']);
    expect(pkg.timeline.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(pkg.error.frames.find((f) => f.inApp)).toMatchObject({
      function: 'rejection',
      module: expect.stringMatching(/(^|\/)src\/checkout-steps\.ts$/),
    });

    const request = ingestRequest(`http://${project.ingestKey}@collector.test/checkout`, [pkg]);
    const response = await app.inject({
      method: 'POST',
      url: new URL(request.url).pathname,
      headers: request.headers,
      payload: request.body,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().accepted).toEqual([pkg.id]);

    const issues = (await read('/api/projects/checkout/issues')).json();
    expect(issues.issues).toHaveLength(1);
    const [issue] = issues.issues;
    expect(issue).toMatchObject({
      tier: 2,
      errorType: 'PaymentRejected',
      cause: { kind: 'upstream-rejected' },
    });
    expect(issue.cause.summary).toBe(
      'The payment gateway rejected the charge of $0.00: "Charge amount must be at least $0.50" (HTTP 400 amount_too_small)',
    );
  });

  it('is sent over HTTP to the collector at the DSN by the failure reporter', async () => {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    const reporting = await startShop({ dsn: `http://${project.ingestKey}@127.0.0.1:${port}/checkout` });
    try {
      const execution = await reporting.runtime.run(checkout, {
        cartId: 'cart-promo',
        paymentSource: 'tok_visa',
      });
      const replies = (await reporting.flush()) as { status: number; body: string }[];
      expect(replies.map((r) => r.status)).toEqual([200]);
      expect(JSON.parse(replies[0]?.body ?? '{}').accepted).toEqual([execution.id]);
      const stored = await read(`/api/projects/checkout/packages/${execution.id}`);
      expect(stored.statusCode).toBe(200);
      // The same failure as the one ingested above: counted against the known issue at tier 1.
      expect(stored.json().triage).toMatchObject({ tier: 1 });
    } finally {
      await reporting.stop();
    }
  });
});
