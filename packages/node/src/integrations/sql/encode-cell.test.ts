import { encodeValue } from '@flashback/protocol/values';
import { describe, expect, it } from 'vitest';
import { encodeCell } from './encode-cell.js';

describe('encodeCell', () => {
  it('encodes every kind of value exactly as encodeValue does', () => {
    const values: unknown[] = [
      'plain',
      '',
      'x'.repeat(4096),
      'x'.repeat(4097),
      0,
      -1.5,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      true,
      false,
      null,
      undefined,
      12345678901234567890n,
      new Date('2026-01-02T03:04:05.678Z'),
      Buffer.from([1, 2, 3]),
      { total: 130, lines: [{ sku: 'A' }] },
      ['a', 1],
    ];
    for (const value of values) expect(encodeCell(value)).toEqual(encodeValue(value));
  });
});
