import { describe, expect, it } from 'vitest';
import { isVolatileKey } from '../../src/stubs/volatile-keys.js';
import { hasRedaction, isRedacted, normalizeVolatile, sameText } from '../../src/stubs/volatile-text.js';

describe('normalizeVolatile', () => {
  it.each([
    [
      'Order ord_55bfe90a-4dff-4719-a090-da32159e3193 at Flashback Goods',
      'Order ord_<uuid> at Flashback Goods',
    ],
    ['expires 2025-06-30T00:00:00.000Z', 'expires <time>'],
    ['at 2026-11-22 07:10:28+01:00.', 'at <time>.'],
    ['x-amz-date 20261122T071028Z', 'x-amz-date <time>'],
    ['Sun, 22 Nov 2026 07:10:27 GMT', '<time>'],
    ['{"ts":1763795427000}', '{"ts":<epoch>}'],
  ])('%s', (text, normalized) => {
    expect(normalizeVolatile(text)).toBe(normalized);
  });

  it('keeps numbers, short dates and card-length digits', () => {
    for (const text of ['amount 3600', 'due 2026-11-22', '4242424242424242', 'id 12345678901234']) {
      expect(normalizeVolatile(text)).toBe(text);
    }
  });
});

describe('sameText', () => {
  it('matches texts that differ only in volatile values', () => {
    expect(
      sameText(
        'Order ord_55bfe90a-4dff-4719-a090-da32159e3193 at 2026-11-22T07:10:27.000Z',
        'Order ord_0b5a4c2e-1111-4222-8333-444455556666 at 2027-01-01T00:00:00.000Z',
      ),
    ).toBe(true);
    expect(sameText('amount 3600', 'amount 0')).toBe(false);
  });

  it('lets a redaction token stand for any text in its position', () => {
    expect(sameText('Bearer [redacted:6b7f6bdb3536]', 'Bearer sk_live_abc')).toBe(true);
    expect(sameText('[redacted:6b7f6bdb3536]', '')).toBe(true);
    expect(sameText('Bearer [redacted:6b7f6bdb3536]', 'Basic sk_live_abc')).toBe(false);
    expect(sameText('a=[redacted:6b7f6bdb3536]&b=[redacted:93dc1c46d348]', 'a=1&b=2')).toBe(true);
    expect(sameText('a (x) [redacted:6b7f6bdb3536]', 'a (x) y')).toBe(true);
  });

  it('tells redaction tokens apart from text that merely looks alike', () => {
    expect(hasRedaction('[redacted:6b7f6bdb3536]')).toBe(true);
    expect(isRedacted('[redacted:6b7f6bdb3536]')).toBe(true);
    expect(isRedacted('Bearer [redacted:6b7f6bdb3536]')).toBe(false);
    expect(hasRedaction('[redacted:XYZ]')).toBe(false);
  });
});

describe('isVolatileKey', () => {
  it.each([
    'createdAt',
    'created_at',
    'updated-at',
    'timestamp',
    'ts',
    'Date',
    'X-Amz-Date',
    'X-Amz-Signature',
    'X-Amz-Credential',
    'x-request-id',
    'requestId',
    'traceId',
    'Idempotency-Key',
    'nonce',
    'signature',
    'content_md5',
    'checksum',
    'uuid',
  ])('%s is volatile', (key) => {
    expect(isVolatileKey(key)).toBe(true);
  });

  it.each(['amount', 'id', 'currency', 'customer_id', 'status', 'at', 'format', 'dateOfBirthYear'])(
    '%s is not',
    (key) => {
      expect(isVolatileKey(key)).toBe(false);
    },
  );
});
