import { describe, expect, it } from 'vitest';
import { httpRequestDifference, type IncomingHttpRequest } from '../../src/stubs/http-match.js';
import { chargeRejected, s3NoSuchKey } from './support/captured-events.js';

const request = (overrides: Partial<IncomingHttpRequest>): IncomingHttpRequest => ({
  method: 'GET',
  target: '/',
  headers: {},
  body: Buffer.alloc(0),
  ...overrides,
});
const get = (url: string, target: string, host?: string) =>
  httpRequestDifference(
    { ...s3NoSuchKey, url, aws: undefined },
    request({ target, headers: host ? { host } : {} }),
  );

describe('httpRequestDifference', () => {
  it('matches the recorded charge whatever its volatile headers say', () => {
    const replayed = request({
      method: 'post',
      target: '/v1/charges',
      headers: {
        authorization: 'Bearer sk_live_other',
        'idempotency-key': 'ord_0b5a4c2e-1111-4222-8333-444455556666',
        'x-request-id': 'abc',
        date: 'Mon, 01 Jan 2030 00:00:00 GMT',
        'content-type': 'application/json',
      },
      body: Buffer.from(chargeRejected.requestBody?.data ?? ''),
    });
    expect(httpRequestDifference(chargeRejected, replayed)).toBeUndefined();
  });

  it('reports a different method, path or body', () => {
    expect(httpRequestDifference(chargeRejected, request({ method: 'GET', target: '/v1/charges' }))).toBe(
      'method: recorded POST, got GET',
    );
    expect(httpRequestDifference(chargeRejected, request({ method: 'POST', target: '/v1/refunds' }))).toBe(
      'path: recorded /v1/charges, got /v1/refunds',
    );
    expect(
      httpRequestDifference(
        chargeRejected,
        request({ method: 'POST', target: '/v1/charges', body: Buffer.from('{}') }),
      ),
    ).toBe('body $: key "amount" is missing');
  });

  it('compares the query order-insensitively', () => {
    expect(get('http://h/a?x=1&y=2&y=3', '/a?y=2&x=1&y=3')).toBeUndefined();
    expect(get('http://h/a?x=1', '/a?x=2')).toBe('query: x=2, recorded x=1');
    expect(get('http://h/a?x=1', '/a')).toBe('query: parameter x is missing');
    expect(get('http://h/a', '/a?debug=1')).toBe('query: unexpected parameter debug');
  });

  it('only needs volatile query parameters to be present (presigned URLs)', () => {
    const recorded =
      'http://h/b/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA%2F20261122%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20261122T071028Z&X-Amz-Expires=900&X-Amz-Signature=abc&x-id=GetObject';
    const replayed =
      '/b/k?x-id=GetObject&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=OTHER&X-Amz-Date=20300101T000000Z&X-Amz-Expires=900&X-Amz-Signature=def';
    expect(get(recorded, replayed)).toBeUndefined();
    expect(get(recorded, '/b/k?x-id=GetObject')).toBe('query: parameter X-Amz-Algorithm is missing');
  });

  it('matches paths with uuids, redactions and percent-encoding', () => {
    expect(
      get(
        'http://h/orders/ord_55bfe90a-4dff-4719-a090-da32159e3193',
        '/orders/ord_0b5a4c2e-1111-4222-8333-444455556666',
      ),
    ).toBeUndefined();
    expect(get('http://h/users/[redacted:0123456789ab]/cards', '/users/u_77/cards')).toBeUndefined();
    expect(get('http://h/files/a%20b.txt', '/files/a b.txt')).toBeUndefined();
  });

  it('matches an S3 object in either addressing style', () => {
    const recorded = s3NoSuchKey;
    const path = request({
      target: '/checkout-receipts/receipts/de.txt?x-id=GetObject',
      headers: { host: '127.0.0.1:9' },
    });
    expect(httpRequestDifference(recorded, path)).toBeUndefined();
    const virtual = request({
      target: '/receipts/de.txt?x-id=GetObject',
      headers: { host: 'checkout-receipts.s3.replay.test:9' },
    });
    expect(httpRequestDifference(recorded, virtual)).toBeUndefined();
    const otherKey = request({
      target: '/receipts/fr.txt?x-id=GetObject',
      headers: { host: 'checkout-receipts.s3.replay.test:9' },
    });
    expect(httpRequestDifference(recorded, otherKey)).toBe(
      'path: recorded /checkout-receipts/receipts/de.txt, got /receipts/fr.txt',
    );
    const virtualRecorded = {
      ...recorded,
      url: 'https://checkout-receipts.s3.us-east-1.amazonaws.com/receipts/de.txt?x-id=GetObject',
    };
    expect(httpRequestDifference(virtualRecorded, path)).toBeUndefined();
  });
});
