import { describe, expect, it } from 'vitest';
import { hmacSha256Hex } from '../sha256.js';
import { newRedactor, tokenOf } from '../test-fixtures/redaction.js';
import { createRedactor } from './redactor.js';
import { createHmacTokenizer, formatToken, isRedactionToken } from './token.js';

describe('tokens', () => {
  it('are the first 12 hex characters of the tokenizer digest', () => {
    const digest = hmacSha256Hex('test-key', 'hunter22');
    expect(newRedactor().redactValue({ password: 'hunter22' }, 'p')).toEqual({
      password: `[redacted:${digest.slice(0, 12)}]`,
    });
  });

  it('are the same for the same secret across redactors with the same tokenizer', () => {
    const a = newRedactor().redactText('Bearer abc123DEF456', 'x');
    const b = newRedactor().redactText('Bearer abc123DEF456', 'y');
    expect(a).toBe(b);
  });

  it('differ between secrets and between keys', () => {
    expect(tokenOf('secret-one')).not.toBe(tokenOf('secret-two'));
    const other = createRedactor({}, createHmacTokenizer('another-key'));
    expect(other.redactValue({ token: 'secret-one' }, 't')).not.toEqual({ token: tokenOf('secret-one') });
  });

  it('ask the tokenizer once per distinct secret', () => {
    const seen: string[] = [];
    const redactor = createRedactor({}, (secret) => {
      seen.push(secret);
      return 'ab'.repeat(32);
    });
    redactor.redactValue({ password: 'x1', token: 'x1', secret: 'x2' }, 'v');
    expect(seen).toEqual(['x1', 'x2']);
  });

  it('normalise an upper-case digest to lower case', () => {
    expect(formatToken('ABCDEF0123456789')).toBe('[redacted:abcdef012345]');
  });

  it('reject a tokenizer that does not return a long enough hex digest', () => {
    const redactor = createRedactor({}, () => 'not-hex');
    expect(() => redactor.redactValue({ password: 'x' }, 'v')).toThrow(/hex digest/);
    expect(() => formatToken('abc')).toThrow(TypeError);
  });

  it('are recognised, and lookalikes are not', () => {
    expect(isRedactionToken(tokenOf('x'))).toBe(true);
    expect(isRedactionToken('[redacted:ABCDEF012345]')).toBe(false);
    expect(isRedactionToken('[redacted:abc]')).toBe(false);
    expect(isRedactionToken(`${tokenOf('x')} `)).toBe(false);
  });
});
