import type { DbEvent, ErrorPackage, HttpEvent, RedisEvent, TimelineEvent } from '@flashback/protocol';
import { validatePackage } from '@flashback/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bugRequests } from '../requests/checkout-requests.js';
import { type CheckoutUnderTest, startCheckout } from './start-checkout.js';

/**
 * The checkout service runs with `--import @flashback/node/register`; each bug request must come
 * back as an error package with the trigger, the IO timeline, the locals and the redactions.
 */
describe('checkout with the SDK preloaded: one package per production bug', () => {
  let checkout: CheckoutUnderTest;
  const captured = new Map<string, ErrorPackage>();

  beforeAll(async () => {
    checkout = await startCheckout({ preloadSdk: true, env: { FLASHBACK_REDACTION_KEY: 'test-key' } });
    for (const bug of bugRequests) {
      const before = (await checkout.app.packages()).length;
      const res = await checkout.app.request(bug.method, bug.path, bug.body);
      expect(res.status, `${bug.id} answered ${res.status}`).toBeGreaterThanOrEqual(500);
      const packages = await checkout.app.waitForPackages(before + 1, 10_000);
      captured.set(bug.id, packages[packages.length - 1]!);
    }
  }, 120_000);

  afterAll(async () => {
    await checkout?.stop();
  });

  const pkgFor = (id: string): ErrorPackage => {
    const pkg = captured.get(id);
    if (!pkg) throw new Error(`no package captured for ${id}`);
    return pkg;
  };
  const events = <T extends TimelineEvent['type']>(pkg: ErrorPackage, type: T) =>
    pkg.timeline.filter((e): e is Extract<TimelineEvent, { type: T }> => e.type === type);

  it.each(bugRequests.map((b) => [b.id, b] as const))(
    '%s: a valid package with the trigger and the error',
    (id, bug) => {
      const pkg = pkgFor(id);
      const validation = validatePackage(pkg);
      expect(validation.ok, JSON.stringify(validation.ok ? [] : validation.errors)).toBe(true);
      expect(pkg.service.name).toBe('checkout');
      expect(pkg.error.type).toBe(bug.errorType);
      expect(pkg.error.message).toContain(bug.errorMessage);
      expect(pkg.fingerprint).toMatch(/^[0-9a-f]{32}$/);
      expect(pkg.trigger).toMatchObject({ kind: 'http', method: bug.method, response: { status: 500 } });
      // Errors a library creates in its own callback (timeouts, S3 error replies) carry no app frame.
      const createdByLibrary = ['redis-reservation-timeout', 'missing-receipt-template'];
      expect(pkg.error.frames.some((f) => f.inApp && f.module.startsWith('src/'))).toBe(
        !createdByLibrary.includes(id),
      );
      expect(pkg.timeline.map((e) => e.seq)).toEqual(
        [...pkg.timeline.map((e) => e.seq)].sort((a, b) => a - b),
      );
    },
  );

  it('bug 1: the charge request, the gateway rejection with its reason, the promo row, and the secret redacted', () => {
    const pkg = pkgFor('free-order-charge-rejected');
    expect(JSON.parse(String((pkg.trigger as { body: { data: string } }).body.data))).toMatchObject({
      promoCode: 'STAFF100',
    });
    const promo = events(pkg, 'db').find((e) => e.statement.includes('promo_codes'));
    expect(promo?.rows).toEqual([['STAFF100', 100]]);
    expect(promo?.fields?.map((f) => [f.table, f.column])).toEqual([
      ['promo_codes', 'code'],
      ['promo_codes', 'percent_off'],
    ]);
    const charge = events(pkg, 'http').find((e) => e.url.endsWith('/v1/charges')) as HttpEvent;
    expect(charge).toMatchObject({ method: 'POST', status: 400, outcome: 'ok' });
    expect(JSON.parse(charge.requestBody!.data)).toMatchObject({ amount: 0 });
    expect(charge.responseBody?.data).toContain('amount_too_small');
    expect(charge.requestHeaders.authorization).toMatch(/^Bearer \[redacted:[0-9a-f]{12}\]$/);
    expect(pkg.redactions).toContainEqual({
      path: `timeline[${pkg.timeline.indexOf(charge)}].requestHeaders.authorization`,
      rule: 'header:authorization',
    });
  });

  it('bug 1: the DDL of the tables the queries touched', () => {
    const pkg = pkgFor('free-order-charge-rejected');
    const tables = pkg.schemas.flatMap((s) => s.tables);
    expect(tables.map((t) => t.name)).toEqual(
      expect.arrayContaining(['customers', 'products', 'promo_codes']),
    );
    expect(tables.find((t) => t.name === 'promo_codes')?.ddl).toMatch(/CREATE TABLE .*promo_codes/i);
  });

  it('bug 2: the customer query returned no row', () => {
    const pkg = pkgFor('deleted-customer');
    const customer = events(pkg, 'db').find((e) => e.statement.includes('FROM customers')) as DbEvent;
    expect(customer).toMatchObject({ system: 'postgresql', params: [3], rowCount: 0, rows: [] });
  });

  it('bug 3: the 503 page and the client-side timeout', () => {
    const busy = events(pkgFor('gateway-503'), 'http').find((e) => e.url.endsWith('/v1/charges'));
    expect(busy).toMatchObject({ status: 503, outcome: 'ok' });
    expect(busy?.responseBody?.data).toContain('<html');
    const slow = events(pkgFor('gateway-timeout'), 'http').find((e) => e.url.endsWith('/v1/charges'));
    expect(slow?.outcome).toBe('timeout');
    expect(slow?.status).toBeUndefined();
  });

  it('bug 4: the blocking Redis pop timed out', () => {
    const redis = events(pkgFor('redis-reservation-timeout'), 'redis') as RedisEvent[];
    const pop = redis.find((e) => e.command === 'BLPOP');
    expect(pop).toMatchObject({ client: 'ioredis', outcome: 'timeout' });
    expect(pop?.error?.message).toContain('Command timed out');
  });

  it('bug 5: the gateway answered 401 token_expired', () => {
    const call = events(pkgFor('expired-merchant-token'), 'http').find((e) => e.status === 401);
    expect(call?.responseBody?.data).toContain('token_expired');
  });

  it('bug 7: the SQLite rows behind the wrong computation', () => {
    const sqlite = events(pkgFor('installments-duplicate-payments'), 'db').filter(
      (e) => e.system === 'sqlite',
    );
    expect(sqlite.length).toBeGreaterThan(0);
    expect(sqlite.some((e) => (e.rows?.length ?? 0) > 0 && (e.fields?.length ?? 0) > 0)).toBe(true);
    expect(sqlite.every((e) => e.outcome === 'ok')).toBe(true);
  });

  it('bug 8: the S3 call is tagged with its operation, bucket and key', () => {
    const s3 = events(pkgFor('missing-receipt-template'), 'http').find((e) => e.aws);
    expect(s3?.aws).toMatchObject({ service: 's3', operation: 'GetObject' });
    expect(s3?.aws?.key).toContain('de');
    expect(s3?.status).toBe(404);
  });

  it('captures the locals of the in-app frame that threw', () => {
    const pkg = pkgFor('installments-duplicate-payments');
    const withLocals = pkg.error.frames.filter(
      (f) => f.inApp && f.locals && Object.keys(f.locals).length > 0,
    );
    expect(withLocals.length, JSON.stringify(pkg.error.frames)).toBeGreaterThan(0);
  });

  it('never mixes the timelines of interleaved requests', async () => {
    const free = bugRequests.find((b) => b.id === 'free-order-charge-rejected')!;
    const deleted = bugRequests.find((b) => b.id === 'deleted-customer')!;
    const before = (await checkout.app.packages()).length;
    const rounds = 6;
    await Promise.all(
      Array.from({ length: rounds }, (_, i) => {
        const bug = i % 2 === 0 ? free : deleted;
        return checkout.app.request(bug.method, bug.path, bug.body);
      }),
    );
    const packages = (await checkout.app.waitForPackages(before + rounds, 15_000)).slice(before);
    for (const pkg of packages) {
      const body = JSON.parse(String((pkg.trigger as { body: { data: string } }).body.data)) as {
        customerId: number;
      };
      const customerQueries = events(pkg, 'db').filter((e) => e.statement.includes('FROM customers'));
      expect(customerQueries).toHaveLength(1);
      expect(customerQueries[0]?.params).toEqual([body.customerId]);
      const charges = events(pkg, 'http').filter((e) => e.url.endsWith('/v1/charges'));
      expect(charges).toHaveLength(body.customerId === 3 ? 0 : 1);
    }
  });
});
