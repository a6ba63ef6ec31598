import { describe, expect, it } from 'vitest';
import { newRedactor, tokenOf } from '../test-fixtures/redaction.js';
import type { Body } from '../types.js';

const body = (data: string, contentType?: string, extra: Partial<Body> = {}): Body => ({
  ...(contentType ? { contentType } : {}),
  encoding: 'utf8',
  data,
  size: data.length,
  truncated: false,
  ...extra,
});

describe('redactBody', () => {
  it('masks JSON by key and by pattern, reporting paths inside the body', () => {
    const redactor = newRedactor();
    const data = JSON.stringify({
      user: { email: 'ada@example.com', password: 'hunter22' },
      note: 'card 4242 4242 4242 4242',
      items: [{ sku: 'TSHIRT', qty: 2 }],
    });
    const out = redactor.redactBody(body(data, 'application/json; charset=utf-8'), 'trigger.body');
    expect(JSON.parse(out.data)).toEqual({
      user: { email: 'ada@example.com', password: tokenOf('hunter22') },
      note: `card ${tokenOf('4242 4242 4242 4242')}`,
      items: [{ sku: 'TSHIRT', qty: 2 }],
    });
    expect(redactor.redactions).toEqual([
      { path: 'trigger.body.data.user.password', rule: 'key:password' },
      { path: 'trigger.body.data.note', rule: 'pattern:card' },
    ]);
    expect(out.size).toBe(data.length);
  });

  it('returns a JSON body without secrets byte for byte, formatting included', () => {
    const input = body('{\n  "amount": 1.50,\n  "currency": "usd"\n}', 'application/json');
    expect(newRedactor().redactBody(input, 'b')).toBe(input);
  });

  it('takes the content type from the headers when the body has none, and knows +json types', () => {
    const data = '{"client_secret":"cs_abc"}';
    expect(JSON.parse(newRedactor().redactBody(body(data), 'b', 'application/json').data)).toEqual({
      client_secret: tokenOf('cs_abc'),
    });
    expect(JSON.parse(newRedactor().redactBody(body(data, 'application/vnd.api+json'), 'b').data)).toEqual({
      client_secret: tokenOf('cs_abc'),
    });
  });

  it('treats $fb in a parsed body as an ordinary key', () => {
    const data = '{"$fb":"bigint","v":"x","token":"t0k3n"}';
    expect(JSON.parse(newRedactor().redactBody(body(data, 'application/json'), 'b').data)).toEqual({
      $fb: 'bigint',
      v: 'x',
      token: tokenOf('t0k3n'),
    });
  });

  it('masks sensitive pairs in a JSON body cut off by the size cap', () => {
    const cut = '{"user":"ada","password":"hunter22","card_number":"4242 4242 4242 4242","notes":"lo';
    const redactor = newRedactor();
    const out = redactor.redactBody(body(cut, 'application/json', { truncated: true, size: 4000 }), 'b');
    expect(out.data).toBe(
      `{"user":"ada","password":"${tokenOf('hunter22')}","card_number":"${tokenOf('4242 4242 4242 4242')}","notes":"lo`,
    );
    expect(out.truncated).toBe(true);
    expect(redactor.redactions.map((r) => r.path)).toEqual(['b.data.password', 'b.data.card_number']);
  });

  it('masks a sensitive value cut off in the middle', () => {
    const out = newRedactor().redactBody(body('{"id":1,"api_key":"sk_abc12', 'application/json'), 'b');
    expect(out.data).toBe(`{"id":1,"api_key":"${tokenOf('sk_abc12')}"`);
  });

  it('masks form fields by name and keeps the others as sent', () => {
    const redactor = newRedactor();
    const form = 'username=ada&password=hunter+22&remember=on&cvc=123';
    const out = redactor.redactBody(body(form, 'application/x-www-form-urlencoded'), 'trigger.body');
    expect(out.data).toBe(`username=ada&password=${tokenOf('hunter 22')}&remember=on&cvc=${tokenOf('123')}`);
    expect(redactor.redactions).toEqual([
      { path: 'trigger.body.data.password', rule: 'key:password' },
      { path: 'trigger.body.data.cvc', rule: 'key:cvc' },
    ]);
  });

  it('applies patterns to other text bodies', () => {
    const out = newRedactor().redactBody(body('key=AKIAIOSFODNN7EXAMPLE', 'text/plain'), 'b');
    expect(out.data).toBe(`key=${tokenOf('AKIAIOSFODNN7EXAMPLE')}`);
  });

  it('leaves base64 bodies alone', () => {
    const binary = body(
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9.c2lnbmF0dXJlMTIz',
      'application/octet-stream',
      {
        encoding: 'base64',
      },
    );
    const redactor = newRedactor();
    expect(redactor.redactBody(binary, 'b')).toBe(binary);
    expect(redactor.redactions).toEqual([]);
  });
});
