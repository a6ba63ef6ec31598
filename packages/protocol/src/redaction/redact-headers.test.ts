import { describe, expect, it } from 'vitest';
import { newRedactor, tokenOf } from '../test-fixtures/redaction.js';

describe('redactHeaders', () => {
  it('keeps the auth scheme and masks the credential', () => {
    const redactor = newRedactor();
    const out = redactor.redactHeaders(
      { authorization: 'Bearer abc.def.ghi', 'proxy-authorization': 'Basic dXNlcjpwYXNz' },
      'trigger.headers',
    );
    expect(out).toEqual({
      authorization: `Bearer ${tokenOf('abc.def.ghi')}`,
      'proxy-authorization': `Basic ${tokenOf('dXNlcjpwYXNz')}`,
    });
    expect(redactor.redactions).toEqual([
      { path: 'trigger.headers.authorization', rule: 'header:authorization' },
      { path: 'trigger.headers["proxy-authorization"]', rule: 'header:proxy-authorization' },
    ]);
  });

  it('masks an authorization value without a scheme whole', () => {
    expect(newRedactor().redactHeaders({ authorization: 'abc123secret' }, 'h')).toEqual({
      authorization: tokenOf('abc123secret'),
    });
  });

  it('keeps cookie names and masks each value on its own', () => {
    const out = newRedactor().redactHeaders({ cookie: 'sid=s%3Aabc123; theme=dark' }, 'h');
    expect(out.cookie).toBe(`sid=${tokenOf('s%3Aabc123')}; theme=${tokenOf('dark')}`);
  });

  it('keeps set-cookie attributes and reports each cookie by index', () => {
    const redactor = newRedactor();
    const out = redactor.redactHeaders(
      { 'set-cookie': ['sid=abc123; Path=/; HttpOnly; Secure', 'csrf=xyz789; SameSite=Strict'] },
      'timeline[4].responseHeaders',
    );
    expect(out['set-cookie']).toEqual([
      `sid=${tokenOf('abc123')}; Path=/; HttpOnly; Secure`,
      `csrf=${tokenOf('xyz789')}; SameSite=Strict`,
    ]);
    expect(redactor.redactions.map((r) => r.path)).toEqual([
      'timeline[4].responseHeaders["set-cookie"][0]',
      'timeline[4].responseHeaders["set-cookie"][1]',
    ]);
  });

  it('masks listed API key headers whole, whatever their case', () => {
    const redactor = newRedactor();
    expect(
      redactor.redactHeaders({ 'X-Api-Key': 'k-123', 'x-amz-security-token': 'FwoGZXIvYXdz' }, 'h'),
    ).toEqual({
      'X-Api-Key': tokenOf('k-123'),
      'x-amz-security-token': tokenOf('FwoGZXIvYXdz'),
    });
    expect(redactor.redactions.map((r) => r.rule)).toEqual([
      'header:x-api-key',
      'header:x-amz-security-token',
    ]);
  });

  it('masks headers whose name matches a key rule', () => {
    const redactor = newRedactor();
    expect(redactor.redactHeaders({ 'x-session-token': 'opaque-value' }, 'h')).toEqual({
      'x-session-token': tokenOf('opaque-value'),
    });
    expect(redactor.redactions).toEqual([{ path: 'h["x-session-token"]', rule: 'key:token' }]);
  });

  it('masks extra headers from the config', () => {
    expect(newRedactor({ extraHeaders: ['X-Tenant'] }).redactHeaders({ 'x-tenant': 'acme' }, 'h')).toEqual({
      'x-tenant': tokenOf('acme'),
    });
  });

  it('applies value patterns to other headers and leaves ordinary ones alone', () => {
    const redactor = newRedactor();
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'Mozilla/5.0',
      'x-forwarded-for': '203.0.113.7',
      'x-debug': 'card 4242 4242 4242 4242',
    };
    expect(redactor.redactHeaders(headers, 'h')).toEqual({
      ...headers,
      'x-debug': `card ${tokenOf('4242 4242 4242 4242')}`,
    });
    expect(redactor.redactions).toEqual([{ path: 'h["x-debug"]', rule: 'pattern:card' }]);
  });

  it('masks sensitive query parameters of URL-valued headers', () => {
    const out = newRedactor().redactHeaders(
      { location: 'https://app.example/cb?code=4f9a2b&state=xyz', 'tokens-used': '120' },
      'h',
    );
    expect(out).toEqual({ location: 'https://app.example/cb?code=4f9a2b&state=xyz', 'tokens-used': '120' });
    const withToken = newRedactor().redactHeaders({ location: '/done?access_token=abc123' }, 'h');
    expect(withToken.location).toBe(`/done?access_token=${tokenOf('abc123')}`);
  });
});
