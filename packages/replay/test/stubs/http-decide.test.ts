import type { HttpEvent } from '@flashback/protocol/types';
import { describe, expect, it } from 'vitest';
import { decideHttp, type HttpRoute } from '../../src/stubs/http-decide.js';
import type { IncomingHttpRequest } from '../../src/stubs/http-match.js';
import { RecordedQueue } from '../../src/stubs/recorded-queue.js';
import { planStubs } from '../../src/stubs/stub-plan.js';
import { at, chargeRejected, gatewayBusy, packageWith, s3NoSuchKey } from './support/captured-events.js';

function routes(...events: HttpEvent[]): HttpRoute[] {
  return planStubs(packageWith(events)).http.map((plan) => ({
    plan,
    queue: new RecordedQueue(plan.exchanges),
    service: `http ${plan.origin}`,
  }));
}

const post = (event: HttpEvent, host?: string): IncomingHttpRequest => ({
  method: 'POST',
  target: '/v1/charges',
  headers: host ? { host } : {},
  body: Buffer.from(event.requestBody?.data ?? ''),
});

describe('decideHttp', () => {
  it('replays the matching exchange and serves each once', () => {
    const gateway = routes(at(gatewayBusy, 1), at(chargeRejected, 2));
    const first = decideHttp(gateway, post(chargeRejected), 1);
    expect(first).toMatchObject({
      kind: 'replay',
      exchange: { seq: 2, status: 400 },
      action: { kind: 'respond' },
    });
    const again = decideHttp(gateway, post(chargeRejected), 1);
    expect(again.kind).toBe('unexpected');
  });

  it('reports an exchange served before one the recording finished earlier', () => {
    const decision = decideHttp(
      routes(at(gatewayBusy, 1, 0, 5), at(chargeRejected, 2, 10, 5)),
      post(chargeRejected),
      1,
    );
    expect(decision.kind === 'replay' && decision.divergence).toMatchObject({
      kind: 'mismatch',
      service: 'http http://127.0.0.1:35999',
      asked: 'POST /v1/charges',
      expectedSeq: 1,
    });
  });

  it('answers an unknown call with the divergence and what the recording had next', () => {
    const decision = decideHttp(
      routes(at(chargeRejected, 4)),
      { ...post(chargeRejected), target: '/v1/refunds' },
      1,
    );
    if (decision.kind !== 'unexpected') throw new Error('expected unexpected');
    expect(decision.divergence).toEqual({
      kind: 'unexpected-call',
      service: 'http http://127.0.0.1:35999',
      asked: 'POST /v1/refunds',
      expectedSeq: 4,
      expected: 'POST /v1/charges',
      message:
        'http http://127.0.0.1:35999: unexpected call POST /v1/refunds; the recording had next POST /v1/charges (seq 4); path: recorded /v1/charges, got /v1/refunds',
    });
    expect(decision.response.head).toMatchObject({
      status: 599,
      headers: { 'x-flashback-divergence': 'unexpected-call' },
    });
    expect(JSON.parse(decision.response.body.toString())).toEqual({
      error: 'flashback: unexpected call',
      message: decision.divergence.message,
      asked: 'POST /v1/refunds',
      recordingNext: { seq: 4, call: 'POST /v1/charges' },
      difference: 'path: recorded /v1/charges, got /v1/refunds',
    });
  });

  it('says when the recording had nothing left', () => {
    const decision = decideHttp(routes(), post(chargeRejected), 1);
    expect(decision).toMatchObject({
      kind: 'unexpected',
      divergence: {
        service: 'http',
        message: 'http: unexpected call POST /v1/charges; the recording had no more calls here',
      },
    });
  });

  it('picks the origin by Host when origins share a listener, and all of them when Host names none', () => {
    const shared = routes(
      at({ ...chargeRejected, url: 'https://payments.internal/v1/charges' }, 1),
      at({ ...gatewayBusy, url: 'https://backup.internal/v1/charges' }, 2),
    );
    const backup = decideHttp(shared, post(gatewayBusy, 'backup.internal'), 1);
    expect(backup).toMatchObject({ kind: 'replay', exchange: { seq: 2 } });
    expect(decideHttp(shared, post(gatewayBusy, 'payments.internal:443'), 1).kind).toBe('unexpected');
    expect(decideHttp(shared, post(chargeRejected, '127.0.0.1:8443'), 1)).toMatchObject({
      kind: 'replay',
      exchange: { seq: 1 },
    });
  });

  it('replays an S3 error like any recorded response', () => {
    const decision = decideHttp(
      routes(s3NoSuchKey),
      {
        method: 'GET',
        target: '/checkout-receipts/receipts/de.txt?x-id=GetObject',
        headers: {},
        body: Buffer.alloc(0),
      },
      0,
    );
    expect(decision).toMatchObject({
      kind: 'replay',
      action: { kind: 'respond', delayMs: 0, head: { status: 404 } },
    });
  });
});
