import { describe, expect, it } from 'vitest';
import { newRedactor, tokenOf } from '../test-fixtures/redaction.js';
import { passesLuhn } from './luhn.js';

const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI0MiIsImV4cCI6MTc3MzQ4MDAwMH0.c2lnLWFiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6MDEyMzQ1';
const PEM = [
  '-----BEGIN RSA PRIVATE KEY-----',
  'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun',
  '-----END RSA PRIVATE KEY-----',
].join('\n');

function redact(text: string) {
  const redactor = newRedactor();
  return { text: redactor.redactText(text, 'error.message'), redactions: redactor.redactions };
}

describe('value patterns', () => {
  it.each([
    ['jwt', `token=${JWT} expired`, `token=${tokenOf(JWT)} expired`],
    [
      'aws-access-key',
      'key AKIAIOSFODNN7EXAMPLE rejected',
      `key ${tokenOf('AKIAIOSFODNN7EXAMPLE')} rejected`,
    ],
    ['aws-access-key', 'temp ASIAY34FZKBOKMUTVV7A', `temp ${tokenOf('ASIAY34FZKBOKMUTVV7A')}`],
    ['private-key', `key:\n${PEM}\nend`, `key:\n${tokenOf(PEM)}\nend`],
    [
      'stripe-key',
      'using sk_live_51HqLyjWDarjtT1zdp7dcXkKq',
      `using ${tokenOf('sk_live_51HqLyjWDarjtT1zdp7dcXkKq')}`,
    ],
    [
      'github-token',
      'ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8',
      tokenOf('ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8'),
    ],
    ['slack-token', 'xoxb-1234567890-abcdefghij', tokenOf('xoxb-1234567890-abcdefghij')],
    [
      'google-api-key',
      'AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q',
      tokenOf('AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q'),
    ],
    ['card', 'card 4242 4242 4242 4242 declined', `card ${tokenOf('4242 4242 4242 4242')} declined`],
    ['card', 'card 4242-4242-4242-4242.', `card ${tokenOf('4242-4242-4242-4242')}.`],
    ['card', 'amex 378282246310005', `amex ${tokenOf('378282246310005')}`],
  ])('masks %s: %j', (rule, text, expected) => {
    const result = redact(text);
    expect(result.text).toBe(expected);
    expect(result.redactions).toEqual([{ path: 'error.message', rule: `pattern:${rule}` }]);
  });

  it('keeps the Bearer scheme and masks only the credential', () => {
    expect(redact('sent Bearer abc123DEF456ghi789 upstream').text).toBe(
      `sent Bearer ${tokenOf('abc123DEF456ghi789')} upstream`,
    );
  });

  it('keeps the user of a URL and masks its password', () => {
    expect(redact('connect postgresql://checkout:S3cr3t@db:5432/shop failed').text).toBe(
      `connect postgresql://checkout:${tokenOf('S3cr3t')}@db:5432/shop failed`,
    );
    expect(redact('redis://:hunter22@cache:6379').text).toBe(`redis://:${tokenOf('hunter22')}@cache:6379`);
  });

  it('masks a private key that was cut off before its END line', () => {
    const cut = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC';
    expect(redact(`pem: ${cut}`).text).toBe(`pem: ${tokenOf(cut)}`);
  });

  it('masks every occurrence, and the same secret with the same token', () => {
    const text = `${JWT} then ${JWT}`;
    expect(redact(text).text).toBe(`${tokenOf(JWT)} then ${tokenOf(JWT)}`);
  });

  it('records one entry per rule for a text with several kinds of secret', () => {
    const result = redact(`jwt ${JWT} card 4242424242424242`);
    expect(result.redactions).toEqual([
      { path: 'error.message', rule: 'pattern:jwt' },
      { path: 'error.message', rule: 'pattern:card' },
    ]);
  });

  describe('near misses that stay', () => {
    it.each([
      ['a 16-digit order number failing Luhn', 'order 4242 4242 4242 4241 shipped'],
      ['an epoch-millisecond timestamp (passes Luhn, starts with 1)', 'at 1773480413500'],
      ['the digits of a float', 'score 0.4242424242424242'],
      ['a phone number', 'call +4242424242424242'],
      ['a number longer than any card', 'id 42424242424242424242'],
      ['a base64 JSON cursor (no dots, not a JWT)', 'cursor eyJpZCI6MTAwLCJ0cyI6MTd9'],
      ['prose about bearer tokens', 'Bearer authentication failed: missing credentials'],
      ['a URL with a port and no credentials', 'GET https://api.example.com:8443/v1/charges'],
      ['an AWS-like prefix that is too short', 'AKIAIOSFODNN7EXAMPL'],
      [
        'a public key',
        '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A\n-----END PUBLIC KEY-----',
      ],
      ['a Stripe publishable key', 'pk_live_51HqLyjWDarjtT1zdp7dcXkKq'],
      ['a uuid', '8f14e45f-ceea-467a-9f1d-2c3a0b1c7d10'],
    ])('%s', (_name, text) => {
      const result = redact(text);
      expect(result.text).toBe(text);
      expect(result.redactions).toEqual([]);
    });

    it('uses a 16-digit order number that really fails Luhn', () => {
      expect(passesLuhn('4242424242424241')).toBe(false);
      expect(passesLuhn('1773480413500')).toBe(true);
    });
  });

  it('changes nothing when run over its own output', () => {
    const once = redact(`Bearer ${JWT} card 4242 4242 4242 4242`).text;
    const redactor = newRedactor();
    expect(redactor.redactText(once, 'x')).toBe(once);
    expect(redactor.redactions).toEqual([]);
  });

  it('applies extra patterns, masking only a named secret group when there is one', () => {
    const redactor = newRedactor({
      extraPatterns: [
        { name: 'voucher', pattern: 'VCH-[A-Z0-9]{8}' },
        { name: 'pin-in-text', pattern: 'pin[:=]\\s*(?<secret>\\d{4,6})', flags: 'i' },
      ],
    });
    expect(redactor.redactText('VCH-AB12CD34 with PIN: 4821', 'm')).toBe(
      `${tokenOf('VCH-AB12CD34')} with PIN: ${tokenOf('4821')}`,
    );
    expect(redactor.redactions).toEqual([
      { path: 'm', rule: 'pattern:voucher' },
      { path: 'm', rule: 'pattern:pin-in-text' },
    ]);
  });

  it('does not let an extra pattern eat into tokens already written', () => {
    const redactor = newRedactor({ extraPatterns: [{ name: 'hex', pattern: '[0-9a-f]{6,}' }] });
    const text = `${JWT} and deadbeef00`;
    expect(redactor.redactText(text, 'm')).toBe(`${tokenOf(JWT)} and ${tokenOf('deadbeef00')}`);
  });
});
