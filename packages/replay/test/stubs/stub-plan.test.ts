import { describe, expect, it } from 'vitest';
import { isStubError, planStubs } from '../../src/stubs/index.js';
import { parseRedisServer } from '../../src/stubs/stub-plan.js';
import {
  at,
  cacheMiss,
  chargeRejected,
  GATEWAY,
  gatewayBusy,
  packageWith,
  reservationTimeout,
  S3,
  s3NoSuchKey,
} from './support/captured-events.js';

describe('planStubs', () => {
  it('groups HTTP exchanges by origin and Redis commands by server, in timeline order', () => {
    const plan = planStubs(
      packageWith([
        at(reservationTimeout, 5),
        at(chargeRejected, 4),
        at(s3NoSuchKey, 3),
        at(gatewayBusy, 2),
        at(cacheMiss, 1),
      ]),
    );
    expect(
      plan.http.map((h) => [h.origin, h.protocol, h.host, h.port, h.exchanges.map((e) => e.seq)]),
    ).toEqual([
      [GATEWAY, 'http', '127.0.0.1', 35999, [2, 4]],
      [S3, 'http', '127.0.0.1', 46177, [3]],
    ]);
    expect(plan.redis.map((r) => [r.host, r.port, r.db, r.commands.map((c) => c.seq)])).toEqual([
      ['127.0.0.1', 37387, 0, [1, 5]],
    ]);
  });

  it('serves S3 calls as HTTP exchanges that keep their aws description', () => {
    const [s3] = planStubs(packageWith([s3NoSuchKey])).http;
    expect(s3?.exchanges[0]?.aws).toMatchObject({ operation: 'GetObject', bucket: 'checkout-receipts' });
  });

  it('fills in default ports and unbrackets IPv6 hosts', () => {
    const plan = planStubs(
      packageWith([
        at({ ...chargeRejected, url: 'https://api.stripe.com/v1/charges' }, 1),
        at({ ...chargeRejected, url: 'http://[::1]/v1/charges' }, 2),
        at({ ...chargeRejected, url: 'https://API.Stripe.com:443/v1/refunds' }, 3),
      ]),
    );
    expect(plan.http.map((h) => [h.origin, h.host, h.port, h.exchanges.length])).toEqual([
      ['https://api.stripe.com', 'api.stripe.com', 443, 2],
      ['http://[::1]', '::1', 80, 1],
    ]);
  });

  it('separates the databases of one Redis server', () => {
    const plan = planStubs(
      packageWith([at(cacheMiss, 1), at({ ...cacheMiss, server: '127.0.0.1:37387/2' }, 2)]),
    );
    expect(plan.redis.map((r) => r.db)).toEqual([0, 2]);
  });

  it('rejects an event whose URL is not an absolute http(s) URL, with a stable code', () => {
    let error: unknown;
    try {
      planStubs(packageWith([at({ ...chargeRejected, url: '/v1/charges' }, 7)]));
    } catch (caught: unknown) {
      error = caught;
    }
    expect(isStubError(error, 'FB_STUB_INVALID_EVENT')).toBe(true);
    expect((error as Error).message).toContain('seq 7');
  });

  it('ignores the other kinds of events', () => {
    const plan = planStubs(
      packageWith([
        {
          type: 'clock',
          seq: 1,
          startOffsetMs: 0,
          durationMs: 0,
          outcome: 'ok',
          source: 'Date.now',
          value: 1,
        },
      ]),
    );
    expect(plan).toEqual({ http: [], redis: [] });
  });
});

describe('parseRedisServer', () => {
  it.each([
    ['cache.internal:6380/4', { host: 'cache.internal', port: 6380, db: 4 }],
    ['cache.internal:6380', { host: 'cache.internal', port: 6380, db: 0 }],
    ['cache.internal', { host: 'cache.internal', port: 6379, db: 0 }],
    ['[::1]:6379/1', { host: '::1', port: 6379, db: 1 }],
    [undefined, { host: 'localhost', port: 6379, db: 0 }],
  ])('%s', (server, expected) => {
    expect(parseRedisServer(server, 1)).toEqual(expected);
  });

  it('rejects an address it cannot read', () => {
    expect(() => parseRedisServer('redis://x:y:z', 3)).toThrow(/redis event seq 3/);
  });
});
