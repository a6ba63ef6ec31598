import { describe, expect, it } from 'vitest';
import { newRedactor, tokenOf } from '../test-fixtures/redaction.js';

describe('redactUrl', () => {
  it('masks sensitive query parameters and keeps the rest byte for byte', () => {
    const redactor = newRedactor();
    const url = '/api/orders?page=2&access_token=abc123&q=blue%20shirt&tokens_used=5';
    expect(redactor.redactUrl(url, 'trigger.url')).toBe(
      `/api/orders?page=2&access_token=${tokenOf('abc123')}&q=blue%20shirt&tokens_used=5`,
    );
    expect(redactor.redactions).toEqual([{ path: 'trigger.url.access_token', rule: 'key:token' }]);
  });

  it('tokenizes the decoded value, so an encoded secret matches its plain copies', () => {
    const out = newRedactor().redactUrl('/cb?api_key=a%2Bb%3Dc&password=p+w', 'u');
    expect(out).toBe(`/cb?api_key=${tokenOf('a+b=c')}&password=${tokenOf('p w')}`);
  });

  it('masks credentials in an absolute URL and patterns in its path', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9.c2lnbmF0dXJlMTIz';
    const out = newRedactor().redactUrl(`https://user:pa55word@api.example/reset/${jwt}`, 'u');
    expect(out).toBe(`https://user:${tokenOf('pa55word')}@api.example/reset/${tokenOf(jwt)}`);
  });

  it('masks parameters in the fragment (OAuth implicit flow)', () => {
    const out = newRedactor().redactUrl('/cb#access_token=xyz987&expires_in=3600', 'u');
    expect(out).toBe(`/cb#access_token=${tokenOf('xyz987')}&expires_in=3600`);
  });

  it('masks a signed URL signature by parameter name', () => {
    const redactor = newRedactor();
    const out = redactor.redactUrl(
      'https://b.s3.amazonaws.com/k?X-Amz-Date=20260314&X-Amz-Signature=f00d',
      'u',
    );
    expect(out).toBe(`https://b.s3.amazonaws.com/k?X-Amz-Date=20260314&X-Amz-Signature=${tokenOf('f00d')}`);
    expect(redactor.redactions).toEqual([{ path: 'u["X-Amz-Signature"]', rule: 'key:signature' }]);
  });

  it('leaves a URL without secrets untouched', () => {
    const redactor = newRedactor();
    const url = 'https://api.payments.example/v1/charges?idempotency=order-1042&expand[]=customer';
    expect(redactor.redactUrl(url, 'u')).toBe(url);
    expect(redactor.redactions).toEqual([]);
  });

  it('keeps empty sensitive parameters, which reveal nothing', () => {
    expect(newRedactor().redactUrl('/login?password=&user=ada', 'u')).toBe('/login?password=&user=ada');
  });
});
