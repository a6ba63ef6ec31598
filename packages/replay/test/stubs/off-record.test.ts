/** Answers for calls the recording does not have: what a fixed app asks that the capture never saw. */
import type { HttpEvent } from '@flashback/protocol/types';
import { describe, expect, it } from 'vitest';
import { decideHttp, type HttpDecision, type HttpRoute } from '../../src/stubs/http-decide.js';
import type { IncomingHttpRequest } from '../../src/stubs/http-match.js';
import { RecordedQueue } from '../../src/stubs/recorded-queue.js';
import { decideRedis } from '../../src/stubs/redis-decide.js';
import { planStubs } from '../../src/stubs/stub-plan.js';
import type { OffRecordHttpResponse } from '../../src/stubs/stub-types.js';
import { at, cacheMiss, gatewayBusy, packageWith } from './support/captured-events.js';

function routes(...events: HttpEvent[]): HttpRoute[] {
  return planStubs(packageWith(events)).http.map((plan) => ({
    plan,
    queue: new RecordedQueue(plan.exchanges),
    service: `http ${plan.origin}`,
  }));
}

const charge = (headers: Record<string, string> = {}): IncomingHttpRequest => ({
  method: 'POST',
  target: '/v1/charges',
  headers,
  body: Buffer.from(gatewayBusy.requestBody?.data ?? ''),
});

/** The answer sent for a call the recording does not have (or a supplied one). */
function answered(decision: HttpDecision) {
  if (decision.kind === 'replay') throw new Error(`replayed #${decision.exchange.seq} instead`);
  return { status: decision.response.head.status, body: decision.response.body.toString() };
}

const succeeded: OffRecordHttpResponse = {
  method: 'POST',
  path: '/v1/charges',
  status: 200,
  body: '{"charge":{"status":"succeeded"}}',
};

describe('off-record HTTP answers', () => {
  it('replay the recording first, then answer the retry the recording lacks', () => {
    const gateway = routes(at(gatewayBusy, 1));
    const first = decideHttp(gateway, charge(), 1, [succeeded]);
    expect(first).toMatchObject({ kind: 'replay', exchange: { seq: 1, status: 503 } });
    // The query does not take part in matching an answer.
    const retry = decideHttp(gateway, { ...charge(), target: '/v1/charges?attempt=2' }, 1, [succeeded]);
    expect(retry.kind).toBe('unexpected');
    expect(retry.divergence).toMatchObject({ kind: 'unexpected-call', asked: 'POST /v1/charges?attempt=2' });
    expect(answered(retry)).toEqual({ status: 200, body: succeeded.body });
  });

  it('refuse with the unexpected-call status where no answer matches the method and path', () => {
    const gateway = routes(at(gatewayBusy, 1));
    decideHttp(gateway, charge(), 1, [succeeded]);
    const refund = decideHttp(gateway, { ...charge(), target: '/v1/refunds' }, 1, [succeeded]);
    expect(answered(refund).status).toBe(599);
  });

  it('go before the recording when they name request headers the call carries', () => {
    const fresh = { ...succeeded, requestHeaders: { authorization: 'Bearer tok_fresh' } };
    const gateway = routes(at(gatewayBusy, 1));
    const withExpired = decideHttp(gateway, charge({ authorization: 'Bearer tok_old' }), 1, [fresh]);
    expect(withExpired.kind).toBe('replay');
    const again = routes(at(gatewayBusy, 1));
    const withFresh = decideHttp(again, charge({ authorization: 'Bearer tok_fresh' }), 1, [fresh]);
    expect(withFresh).toMatchObject({ kind: 'supplied', divergence: undefined });
    expect(answered(withFresh).status).toBe(200);
    expect(again[0]?.queue.remaining()).toHaveLength(1);
  });
});

describe('off-record Redis answers', () => {
  it('answer a command the recording lacks with the given reply, and still report it', () => {
    const queue = [
      { db: 0, queue: new RecordedQueue([at(cacheMiss, 1)]), service: 'redis 127.0.0.1:37387/0' },
    ];
    const asked: string[][] = [];
    const decision = decideRedis(
      queue,
      '127.0.0.1:37387',
      { id: 1, protocol: 2, db: 0, name: undefined },
      ['xadd', 'orders', '*', 'id', '1'].map((word) => Buffer.from(word)),
      1,
      (words) => {
        asked.push(words);
        return { type: 'bulk', value: Buffer.from('1-0') };
      },
    );
    expect(asked).toEqual([['XADD', 'orders', '*', 'id', '1']]);
    expect(decision.action).toMatchObject({ kind: 'reply', value: { type: 'bulk' } });
    expect(decision.divergence?.kind).toBe('unexpected-call');
  });
});
