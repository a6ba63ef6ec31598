/**
 * Dynamic tracing end to end: the checkout service running with the SDK preloaded and pointed at
 * a listening collector; actions placed through the collector's API arrive in the service, are
 * patched into its running code, and their hits come back through the collector.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TracingHit } from '@flashback/protocol/tracing';
import { decodeValue } from '@flashback/protocol/values';
import { waitFor } from '@flashback-dev/test-harness';
import { happyPathRequest } from '@flashback-examples/checkout/requests';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CheckoutUnderTest, startCheckout } from '../../../../examples/checkout/test/start-checkout.js';
import { type CreatedProject, createProject } from '../../src/app/project-admin.js';
import { type RunningServer, startServer } from '../../src/start.js';

let collector: RunningServer;
let project: CreatedProject;
let checkout: CheckoutUnderTest;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'flashback-tracing-live-'));
  collector = await startServer({ port: 0, dataDir });
  project = await createProject('checkout', {
    storage: collector.app.flashbackStorage,
    publicUrl: collector.url,
  });
  checkout = await startCheckout({ preloadSdk: true, env: { FLASHBACK_DSN: project.dsn } });
}, 60_000);

afterAll(async () => {
  await checkout?.stop();
  await collector?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function api<T>(method: string, url: string, body?: unknown): Promise<T> {
  const response = await fetch(`${collector.url}${url}`, {
    method,
    headers: {
      authorization: `Bearer ${project.readToken}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await response.json()) as T;
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

interface ActionView {
  id: string;
  status: { state: string; reason: string };
}

async function place(request: Record<string, unknown>): Promise<ActionView> {
  const { action } = await api<{ action: ActionView }>('POST', '/api/projects/checkout/tracing/actions', {
    service: 'checkout',
    ...request,
  });
  return action;
}

async function settled(id: string): Promise<ActionView> {
  return waitFor(
    async () => {
      const { action } = await api<{ action: ActionView }>(
        'GET',
        `/api/projects/checkout/tracing/actions/${id}`,
      );
      return action.status.state === 'applied' || action.status.state === 'error' ? action : undefined;
    },
    { what: `action ${id} to be applied in the service`, timeoutMs: 10_000, intervalMs: 50 },
  );
}

const hitsOf = (id: string, wait = 0) =>
  api<{ hits: (TracingHit & { seq: number })[]; next: number }>(
    'GET',
    `/api/projects/checkout/tracing/actions/${id}/hits?wait=${wait}`,
  );

const freeOrder = {
  ...(happyPathRequest.body as Record<string, unknown>),
  items: [{ sku: 'TEE-01', qty: 1 }],
  promoCode: 'STAFF100',
};

describe('tracing a running service through the collector', () => {
  it('applies a snapshot within a second and returns the locals of the frame that matched its condition', async () => {
    const placedAt = Date.now();
    const snapshot = await place({
      kind: 'snapshot',
      file: 'src/pricing.js',
      line: 22,
      condition: 'promo !== undefined && promo.percent_off === 100',
    });
    expect((await settled(snapshot.id)).status.state).toBe('applied');
    expect(Date.now() - placedAt).toBeLessThan(5_000);

    // A normal order does not match; the 100% promo does.
    await checkout.app.request(happyPathRequest.method, happyPathRequest.path, happyPathRequest.body);
    await checkout.app.request('POST', '/checkout', freeOrder);
    const { hits } = await waitFor(
      async () => {
        const read = await hitsOf(snapshot.id, 2);
        return read.hits.some((h) => h.kind === 'snapshot') ? read : undefined;
      },
      { what: 'the snapshot hit', timeoutMs: 10_000 },
    );
    const snap = hits.find((h) => h.kind === 'snapshot');
    if (snap?.kind !== 'snapshot') throw new Error('no snapshot');
    expect(hits.filter((h) => h.kind === 'snapshot')).toHaveLength(1);
    const [top] = snap.frames;
    expect(top).toMatchObject({ function: 'priceCart', file: 'src/pricing.js', line: 22, inApp: true });
    const locals = Object.fromEntries(Object.entries(top?.locals ?? {}).map(([k, v]) => [k, decodeValue(v)]));
    expect(locals).toMatchObject({
      subtotalCents: 2500,
      discountCents: 2500,
      promo: { code: 'STAFF100', percent_off: 100 },
    });
    // Callers in the app are there with their own locals.
    expect(snap.frames.filter((f) => f.inApp && f.locals).length).toBeGreaterThan(1);
  });

  it('streams a conditional log, stops when removed, and reports a bad location back to whoever placed it', async () => {
    const log = await place({
      kind: 'log',
      file: 'src/pricing.js',
      line: 22,
      condition: 'discountCents > 0',
      template: 'promo {promo.code}: {subtotalCents} - {discountCents}',
    });
    expect((await settled(log.id)).status.state).toBe('applied');
    await checkout.app.request(happyPathRequest.method, happyPathRequest.path, happyPathRequest.body);
    await checkout.app.request('POST', '/checkout', freeOrder);
    const messages = await waitFor(
      async () => {
        const logs = (await hitsOf(log.id, 2)).hits.filter((h) => h.kind === 'log');
        return logs.length > 0 ? logs.map((h) => h.kind === 'log' && h.message) : undefined;
      },
      { what: 'the log line', timeoutMs: 10_000 },
    );
    expect(messages).toEqual(['promo STAFF100: 2500 - 2500']);

    await api('DELETE', `/api/projects/checkout/tracing/actions/${log.id}`);
    // The service hears of the removal on its long poll, well within a second or so.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await checkout.app.request('POST', '/checkout', freeOrder);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await hitsOf(log.id)).hits.filter((h) => h.kind === 'log')).toHaveLength(1);

    const wrong = await place({ kind: 'snapshot', file: 'src/no-such-file.js', line: 3 });
    const status = (await settled(wrong.id)).status;
    expect(status.state).toBe('error');
    expect(status.reason).toContain('no loaded script is src/no-such-file.js');
  });
});
