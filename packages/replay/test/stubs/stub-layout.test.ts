import { describe, expect, it } from 'vitest';
import type { HttpRoute } from '../../src/stubs/http-decide.js';
import { RecordedQueue } from '../../src/stubs/recorded-queue.js';
import { bindHostFor, layoutHttp, layoutRedis } from '../../src/stubs/stub-layout.js';
import { planStubs } from '../../src/stubs/stub-plan.js';
import { at, cacheMiss, chargeRejected, gatewayTimeout, packageWith } from './support/captured-events.js';

const refused = {
  ...gatewayTimeout,
  outcome: 'error' as const,
  error: { message: 'connect ECONNREFUSED', code: 'ECONNREFUSED' },
};

function routes(...urls: [string, typeof chargeRejected][]): HttpRoute[] {
  const plan = planStubs(packageWith(urls.map(([url, event], i) => at({ ...event, url }, i + 1))));
  return plan.http.map((http) => ({
    plan: http,
    queue: new RecordedQueue(http.exchanges),
    service: `http ${http.origin}`,
  }));
}

describe('bindHostFor', () => {
  it('binds recorded IP addresses as recorded and host names on loopback', () => {
    expect(bindHostFor('10.0.3.7', 'recorded')).toBe('10.0.3.7');
    expect(bindHostFor('::1', 'recorded')).toBe('::1');
    expect(bindHostFor('api.stripe.com', 'recorded')).toBe('127.0.0.1');
    expect(bindHostFor('10.0.3.7', 'ephemeral')).toBe('127.0.0.1');
  });
});

describe('layoutHttp', () => {
  const shared = routes(
    ['https://api.payments.example/v1/charges', chargeRejected],
    ['https://s3.amazonaws.com/bucket/key', chargeRejected],
    ['http://10.0.3.7:8080/x', chargeRejected],
  );

  it('shares a listener between origins on one recorded port', () => {
    expect(layoutHttp(shared, 'recorded').map((l) => [l.bindHost, l.port, l.routes.length])).toEqual([
      ['127.0.0.1', 443, 2],
      ['10.0.3.7', 8080, 1],
    ]);
  });

  it('gives every origin its own free port when ephemeral', () => {
    expect(layoutHttp(shared, 'ephemeral').map((l) => [l.bindHost, l.port, l.routes.length])).toEqual([
      ['127.0.0.1', 0, 1],
      ['127.0.0.1', 0, 1],
      ['127.0.0.1', 0, 1],
    ]);
  });

  it('marks a listener refusing only when every call to every origin on it was refused', () => {
    const onlyRefused = routes(['http://127.0.0.1:9/a', refused]);
    expect(layoutHttp(onlyRefused, 'recorded')[0]?.refusing).toBe(true);
    const mixed = routes(['http://127.0.0.1:9/a', refused], ['http://127.0.0.1:9/b', chargeRejected]);
    expect(layoutHttp(mixed, 'recorded')[0]?.refusing).toBe(false);
  });
});

describe('layoutRedis', () => {
  it('serves the databases of one server on one listener, each with its own queue', () => {
    const plan = planStubs(
      packageWith([at(cacheMiss, 1), at({ ...cacheMiss, server: '127.0.0.1:37387/3' }, 2)]),
    );
    const [layout, ...rest] = layoutRedis(plan.redis, 'ephemeral');
    expect(rest).toEqual([]);
    expect(layout?.server).toBe('127.0.0.1:37387');
    expect(layout?.queues.map((q) => [q.db, q.service, q.queue.remaining().length])).toEqual([
      [0, 'redis 127.0.0.1:37387/0', 1],
      [3, 'redis 127.0.0.1:37387/3', 1],
    ]);
  });

  it('merges servers that land on the same recorded port', () => {
    const plan = planStubs(
      packageWith([
        at({ ...cacheMiss, server: 'cache-a:6379/0' }, 1),
        at({ ...cacheMiss, server: 'cache-b:6379/0' }, 2),
      ]),
    );
    const layouts = layoutRedis(plan.redis, 'recorded');
    expect(layouts.map((l) => [l.bindHost, l.port, l.queues.map((q) => q.service)])).toEqual([
      ['127.0.0.1', 6379, ['redis cache-a:6379/0, cache-b:6379/0']],
    ]);
  });
});
