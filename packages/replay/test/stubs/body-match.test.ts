import type { Body } from '@flashback/protocol/types';
import { describe, expect, it } from 'vitest';
import { bodyDifference } from '../../src/stubs/body-match.js';
import { jsonDifference } from '../../src/stubs/json-shape.js';
import { chargeRejected } from './support/captured-events.js';

const utf8 = (data: string, extra: Partial<Body> = {}): Body => ({
  encoding: 'utf8',
  data,
  size: Buffer.byteLength(data),
  truncated: false,
  ...extra,
});
const actual = (text: string | Buffer, contentType?: string) => ({
  bytes: typeof text === 'string' ? Buffer.from(text) : text,
  contentType,
});

describe('jsonDifference', () => {
  it('accepts the same structure with the same values', () => {
    expect(
      jsonDifference({ a: [1, { b: null }], c: true }, { c: true, a: [1, { b: null }] }),
    ).toBeUndefined();
  });

  it.each([
    [{ amount: 3600 }, { amount: 0 }, '$.amount: recorded 3600, got 0'],
    [{ a: 1 }, { a: 1, coupon: 'FREE' }, '$: unexpected key "coupon"'],
    [{ a: 1, b: 2 }, { a: 1 }, '$: key "b" is missing'],
    [{ items: [1, 2] }, { items: [1] }, '$.items: recorded 2 elements, got 1'],
    [{ items: [1] }, { items: 'x' }, '$.items: recorded an array, got a string'],
    [{ meta: {} }, { meta: null }, '$.meta: recorded an object, got null'],
    [{ 'x-y': 'a' }, { 'x-y': 'b' }, '$["x-y"]: recorded "a", got "b"'],
  ])('reports %j vs %j', (recorded, got, difference) => {
    expect(jsonDifference(recorded, got)).toBe(difference);
  });

  it('ignores values under volatile keys, uuids and timestamps inside strings, and redacted values', () => {
    expect(
      jsonDifference(
        {
          created_at: 1763795427,
          requestId: 'r1',
          note: 'ord_55bfe90a-4dff-4719-a090-da32159e3193',
          card: '[redacted:0123456789ab]',
        },
        {
          created_at: 1,
          requestId: 'r2',
          note: 'ord_0b5a4c2e-1111-4222-8333-444455556666',
          card: { nested: true },
        },
      ),
    ).toBeUndefined();
  });
});

describe('bodyDifference', () => {
  const recorded = chargeRejected.requestBody;

  it('matches the recorded charge with fresh ids in it', () => {
    const replayed = JSON.stringify({
      amount: 0,
      currency: 'usd',
      source: 'tok_visa',
      description: 'Order ord_0b5a4c2e-1111-4222-8333-444455556666 at Flashback Goods',
      receipt_email: 'ada@example.com',
    });
    expect(bodyDifference(recorded, undefined, actual(replayed, 'application/json'))).toBeUndefined();
  });

  it('names the first JSON difference', () => {
    const replayed = JSON.parse(recorded?.data ?? '{}') as Record<string, unknown>;
    replayed.amount = 500;
    expect(bodyDifference(recorded, undefined, actual(JSON.stringify(replayed)))).toBe(
      'body $.amount: recorded 0, got 500',
    );
  });

  it('says when JSON was recorded and something else arrived', () => {
    expect(bodyDifference(recorded, undefined, actual('amount=0'))).toBe(
      'body: recorded JSON, got a body that is not JSON',
    );
    expect(bodyDifference(recorded, undefined, actual(''))).toBe('body: recorded JSON, got no body');
  });

  it('compares JSON by the request header content type too, and JSON-looking bodies without one', () => {
    const body = utf8('{"a":1}', { contentType: undefined });
    expect(bodyDifference(body, 'application/vnd.api+json', actual('{ "a": 1 }'))).toBeUndefined();
    expect(bodyDifference(body, undefined, actual('{"a":2}'))).toBe('body $.a: recorded 1, got 2');
  });

  it('compares form bodies by their keys', () => {
    const form = utf8('card=[redacted:0123456789ab]&exp=12%2F30&cvc=123', {
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(bodyDifference(form, undefined, actual('exp=01%2F31&cvc=999&card=5555'))).toBeUndefined();
    expect(bodyDifference(form, undefined, actual('card=1&exp=2'))).toBe(
      'body: recorded form fields card, cvc, exp, got card, exp',
    );
  });

  it('compares other text exactly, up to volatile values and redactions', () => {
    const text = utf8('hello 2026-11-22T07:10:27Z [redacted:0123456789ab]', { contentType: 'text/plain' });
    expect(bodyDifference(text, undefined, actual('hello 2030-01-01T00:00:00Z world'))).toBeUndefined();
    expect(bodyDifference(text, undefined, actual('goodbye'))).toBe(
      'body: recorded "hello 2026-11-22T07:10:27Z [redacted:012..." (50 bytes), got "goodbye" (7 bytes)',
    );
  });

  it('compares multipart bodies without their random boundaries', () => {
    const part = (boundary: string) =>
      `--${boundary}\r\ncontent-disposition: form-data; name="a"\r\n\r\n1\r\n--${boundary}--\r\n`;
    const multipart = utf8(part('----rec123'), { contentType: 'multipart/form-data; boundary=----rec123' });
    expect(
      bodyDifference(
        multipart,
        undefined,
        actual(part('----new999'), 'multipart/form-data; boundary=----new999'),
      ),
    ).toBeUndefined();
  });

  it('compares binary bodies by length', () => {
    const binary: Body = {
      encoding: 'base64',
      data: Buffer.from([1, 2, 3]).toString('base64'),
      size: 3,
      truncated: false,
    };
    expect(bodyDifference(binary, undefined, actual(Buffer.from([9, 9, 9])))).toBeUndefined();
    expect(bodyDifference(binary, undefined, actual(Buffer.from([1, 2])))).toBe(
      'body: recorded 3 bytes, got 2',
    );
  });

  it('compares a cut-off body by its kept prefix', () => {
    const cut = utf8(`{"items":[${'1,'.repeat(100)}`, {
      size: 5000,
      truncated: true,
      contentType: 'application/json',
    });
    expect(bodyDifference(cut, undefined, actual(`{"items":[${'1,'.repeat(2000)}1]}`))).toBeUndefined();
    expect(bodyDifference(cut, undefined, actual('{"items":[]}'))).toMatch(
      /does not start like the recorded/,
    );
  });

  it('accepts any body where none was recorded, or the whole body was redacted', () => {
    expect(bodyDifference(undefined, undefined, actual('anything'))).toBeUndefined();
    expect(bodyDifference(utf8('[redacted:0123456789ab]'), undefined, actual('secret'))).toBeUndefined();
  });
});
