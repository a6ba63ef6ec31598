import { describe, expect, it } from 'vitest';
import { compileRules, lastWord, normalizeKey } from './compile-rules.js';

describe('key rules', () => {
  const { matchKey } = compileRules();

  it.each([
    ['password', 'key:password'],
    ['userPassword', 'key:password'],
    ['PGPASSWORD', 'key:password'],
    ['password_hash', 'key:password'],
    ['db_passwd', 'key:passwd'],
    ['client_secret', 'key:secret'],
    ['STRIPE_SECRET_KEY', 'key:secret'],
    ['access_token', 'key:token'],
    ['csrfToken', 'key:token'],
    ['refresh-token', 'key:token'],
    ['tokens', 'key:token'],
    ['api_key', 'key:apikey'],
    ['apiKey', 'key:apikey'],
    ['X-API-KEY', 'key:apikey'],
    ['aws_access_key_id', 'key:accesskey'],
    ['private_key', 'key:privatekey'],
    ['Authorization', 'key:authorization'],
    ['set-cookie', 'key:cookie'],
    ['credentials', 'key:credential'],
    ['JSESSIONID', 'key:sessionid'],
    ['card_number', 'key:cardnumber'],
    ['cardNumber', 'key:cardnumber'],
    ['creditCard', 'key:creditcard'],
    ['DB_PASS', 'key:pass'],
    ['basic_auth', 'key:auth'],
    ['connect.sid', 'key:sid'],
    ['X-Amz-Signature', 'key:signature'],
    ['gift_card', 'key:card'],
    ['card', 'key:card'],
    ['cvc', 'key:cvc'],
    ['card_cvv', 'key:cvv'],
    ['cardPin', 'key:pin'],
    ['pinCode', 'key:pincode'],
    ['ssn', 'key:ssn'],
    ['customer_ssn', 'key:ssn'],
  ])('masks %s by %s', (key, label) => {
    expect(matchKey(key)).toBe(label);
  });

  it.each([
    'tokens_used',
    'max_tokens',
    'prompt_tokens',
    'completionTokens',
    'tokenizer',
    'token_type',
    'refreshTokenExpiresAt',
    'shipping',
    'mapping',
    'pinned',
    'spinner',
    'className',
    'discard',
    'scorecard',
    'card_brand',
    'cardLast4',
    'ssn_last4',
    'passport',
    'compass',
    'author',
    'oauth_provider',
    'signatureVersion',
    'company',
    'orderId',
    'email',
    '',
  ])('leaves %j alone', (key) => {
    expect(matchKey(key)).toBeUndefined();
  });
});

describe('compileRules with a config', () => {
  it('adds extra keys as substrings of normalised names', () => {
    const { matchKey } = compileRules({ extraKeys: ['promo_code'] });
    expect(matchKey('promoCode')).toBe('key:promocode');
    expect(matchKey('PROMO-CODE')).toBe('key:promocode');
    expect(matchKey('user_promo_code')).toBe('key:promocode');
    expect(matchKey('promo')).toBeUndefined();
  });

  it('stops key rules for allowed keys, however they are written', () => {
    const { matchKey } = compileRules({ allowKeys: ['csrf_token'] });
    expect(matchKey('csrfToken')).toBeUndefined();
    expect(matchKey('CSRF-TOKEN')).toBeUndefined();
    expect(matchKey('access_token')).toBe('key:token');
  });

  it('adds extra headers in lower case without replacing the defaults', () => {
    const { headers } = compileRules({ extraHeaders: ['X-Internal-Auth'] });
    expect(headers.get('x-internal-auth')).toEqual({ name: 'x-internal-auth' });
    expect(headers.get('authorization')?.keep).toBe('scheme');
  });

  it('appends extra patterns after the defaults', () => {
    const { patterns } = compileRules({ extraPatterns: [{ name: 'order-ref', pattern: 'ORD-\\d+' }] });
    expect(patterns.at(-1)?.label).toBe('pattern:order-ref');
    expect(patterns.at(-1)?.regex.flags).toContain('g');
  });

  it('names the pattern that is not a valid regular expression', () => {
    expect(() => compileRules({ extraPatterns: [{ name: 'broken', pattern: '(unclosed' }] })).toThrow(
      /redaction pattern "broken" is not a valid regular expression/,
    );
  });
});

describe('normalizeKey and lastWord', () => {
  it('normalises spelling variants to the same key', () => {
    expect(new Set(['apiKey', 'api_key', 'API-KEY', 'Api Key'].map(normalizeKey))).toEqual(
      new Set(['apikey']),
    );
  });

  it.each([
    ['cardPin', 'pin'],
    ['DB_PASS', 'pass'],
    ['x-amz-signature', 'signature'],
    ['HTTPProxy', 'proxy'],
    ['shipping', 'shipping'],
    ['__', ''],
  ])('finds the last word of %s', (key, word) => {
    expect(lastWord(key)).toBe(word);
  });
});
