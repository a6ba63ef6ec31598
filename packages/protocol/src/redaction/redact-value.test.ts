import { describe, expect, it } from 'vitest';
import { JWT, newRedactor, tokenOf } from '../test-fixtures/redaction.js';
import { decodeValue, encodeValue } from '../values.js';

describe('redactValue', () => {
  it('masks by key at any depth and by pattern in other strings', () => {
    const redactor = newRedactor();
    const locals = encodeValue({
      user: { id: 42, email: 'ada@example.com', apiKey: 'k-live-123' },
      header: `Bearer ${JWT}`,
      attempts: [1, 2],
    });
    expect(redactor.redactValue(locals, 'error.frames[0].locals')).toEqual({
      user: { id: 42, email: 'ada@example.com', apiKey: tokenOf('k-live-123') },
      header: `Bearer ${tokenOf(JWT)}`,
      attempts: [1, 2],
    });
    expect(redactor.redactions).toEqual([
      { path: 'error.frames[0].locals.user.apiKey', rule: 'key:apikey' },
      { path: 'error.frames[0].locals.header', rule: 'pattern:jwt' },
    ]);
  });

  it('masks every leaf under a sensitive key but keeps structure, booleans, nulls and dates', () => {
    const value = encodeValue({
      credentials: { user: 'ada', pass: 'x', mfa: true, backup: null, rotatedAt: new Date(0), pins: [1234] },
    });
    expect(newRedactor().redactValue(value, 'l')).toEqual({
      credentials: {
        user: tokenOf('ada'),
        pass: tokenOf('x'),
        mfa: true,
        backup: null,
        rotatedAt: { $fb: 'date', iso: '1970-01-01T00:00:00.000Z' },
        pins: [tokenOf('1234')],
      },
    });
  });

  it('keeps a boolean flag whose name contains a sensitive word', () => {
    expect(newRedactor().redactValue({ passwordSet: true, password: null }, 'l')).toEqual({
      passwordSet: true,
      password: null,
    });
  });

  it('keeps captured-value tags intact so the result still decodes', () => {
    const redactor = newRedactor();
    const value = encodeValue({
      missing: undefined,
      big: 2n ** 64n,
      at: new Date('2026-03-14T00:00:00Z'),
      raw: new Uint8Array([1, 2]),
      nan: Number.NaN,
    });
    const out = redactor.redactValue(value, 'l');
    expect(out).toEqual(value);
    expect(redactor.redactions).toEqual([]);
    const decoded = decodeValue(out) as Record<string, unknown>;
    expect(decoded.big).toBe(2n ** 64n);
  });

  it('redacts inside a cut-off string and keeps its tag', () => {
    const long = `prefix ${JWT} ${'x'.repeat(50)}`;
    const encoded = encodeValue(long, { maxDepth: 6, maxBreadth: 100, maxStringLength: 80, maxBytes: 100 });
    const out = newRedactor().redactValue(encoded, 'l');
    expect(out).toEqual({
      $fb: 'string',
      v: `prefix ${tokenOf(JWT)} ${'x'.repeat(80 - 8 - JWT.length)}`,
      size: long.length,
      truncated: true,
    });
  });

  it('replaces a cut-off string under a sensitive key with one token', () => {
    const encoded = { secret: { $fb: 'string', v: 'abcdef', size: 5000, truncated: true } };
    expect(newRedactor().redactValue(encoded, 'l')).toEqual({ secret: tokenOf('abcdef') });
  });

  it('masks a bigint or number that is a card number, and only those', () => {
    const redactor = newRedactor();
    const value = {
      pan: 4242424242424242n,
      stored: 4242424242424242,
      orderNo: 4242424242424241,
      ts: 1773480413500,
    };
    const out = redactor.redactValue(encodeValue(value), 'l');
    expect(out).toEqual({
      pan: tokenOf('4242424242424242'),
      stored: tokenOf('4242424242424242'),
      orderNo: 4242424242424241,
      ts: 1773480413500,
    });
    expect(redactor.redactions).toEqual([
      { path: 'l.pan', rule: 'key:pan' },
      { path: 'l.stored', rule: 'pattern:card' },
    ]);
  });

  it('applies key rules inside an escaped object whose own $fb key is data', () => {
    const encoded = encodeValue({ $fb: 'x', token: 'abc123' });
    expect(newRedactor().redactValue(encoded, 'l')).toEqual({
      $fb: 'object',
      v: { $fb: 'x', token: tokenOf('abc123') },
    });
  });

  it('uses string keys of a Map as keys', () => {
    const encoded = encodeValue(
      new Map<unknown, unknown>([
        ['password', 'hunter22'],
        ['user', 'ada'],
        [7, JWT],
      ]),
    );
    const redactor = newRedactor();
    expect(redactor.redactValue(encoded, 'l')).toEqual({
      $fb: 'map',
      entries: [
        ['password', tokenOf('hunter22')],
        ['user', 'ada'],
        [7, tokenOf(JWT)],
      ],
    });
    expect(redactor.redactions.map((r) => r.path)).toEqual(['l.entries[0][1]', 'l.entries[2][1]']);
  });

  it('redacts Set members and error messages', () => {
    const encoded = encodeValue({ seen: new Set([JWT]), failure: new Error(`bad token ${JWT}`) });
    expect(newRedactor().redactValue(encoded, 'l')).toEqual({
      seen: { $fb: 'set', values: [tokenOf(JWT)] },
      failure: { $fb: 'error', name: 'Error', message: `bad token ${tokenOf(JWT)}` },
    });
  });

  it('parses JSON held in a string and masks by key inside it', () => {
    const redactor = newRedactor();
    const out = redactor.redactValue({ cached: '{"userId":42,"refresh_token":"r-123"}', other: '[1,2' }, 'l');
    expect(out).toEqual({ cached: `{"userId":42,"refresh_token":"${tokenOf('r-123')}"}`, other: '[1,2' });
    expect(redactor.redactions).toEqual([{ path: 'l.cached.refresh_token', rule: 'key:token' }]);
  });

  it('renames a key that is itself a secret and never records it', () => {
    const redactor = newRedactor();
    const out = redactor.redactValue({ sessions: { [JWT]: { userId: 42 } } }, 'l');
    expect(out).toEqual({ sessions: { [tokenOf(JWT)]: { userId: 42 } } });
    expect(JSON.stringify(redactor.redactions)).not.toContain(JWT);
  });

  it('lets allowed keys through key rules but not through patterns', () => {
    const redactor = newRedactor({ allowKeys: ['tokenHint', 'session_token'] });
    expect(redactor.redactValue({ tokenHint: 'last4=1234', session_token: JWT }, 'l')).toEqual({
      tokenHint: 'last4=1234',
      session_token: tokenOf(JWT),
    });
    expect(redactor.redactions).toEqual([{ path: 'l.session_token', rule: 'pattern:jwt' }]);
  });

  it('keeps near-miss keys such as token counts', () => {
    const usage = {
      prompt_tokens: 812,
      completion_tokens: 64,
      tokens_used: 876,
      shipping: 'express',
      pinned: true,
    };
    expect(newRedactor().redactValue(usage, 'l')).toEqual(usage);
  });

  it('accumulates redactions across calls on one redactor, once per path and rule', () => {
    const redactor = newRedactor();
    redactor.redactValue({ password: 'a1' }, 'snap');
    redactor.redactValue({ password: 'b2' }, 'snap');
    redactor.redactValue({ token: 'c3' }, 'snap2');
    expect(redactor.redactions).toEqual([
      { path: 'snap.password', rule: 'key:password' },
      { path: 'snap2.token', rule: 'key:token' },
    ]);
  });

  it('re-serialises JSON in a string even when the same path was redacted before', () => {
    const redactor = newRedactor();
    redactor.redactValue({ raw: '{"password":"first"}' }, 'snap');
    const second = redactor.redactValue({ raw: '{"password":"second"}' }, 'snap');
    expect(second).toEqual({ raw: `{"password":"${tokenOf('second')}"}` });
  });
});
