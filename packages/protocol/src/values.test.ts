import { describe, expect, it } from 'vitest';
import { DEFAULT_VALUE_LIMITS, decodeValue, encodeValue, isTagged, type ValueLimits } from './values.js';

const limits = (overrides: Partial<ValueLimits>): ValueLimits => ({ ...DEFAULT_VALUE_LIMITS, ...overrides });

describe('encodeValue / decodeValue', () => {
  it.each([
    ['a string', 'héllo ✓'],
    ['an integer', 42],
    ['a float', -0.5],
    ['true', true],
    ['null', null],
    ['a plain object', { a: 1, b: ['x', { c: null }] }],
  ])('leaves %s as plain JSON and decodes it back unchanged', (_name, value) => {
    expect(encodeValue(value)).toEqual(value);
    expect(decodeValue(encodeValue(value) as never)).toEqual(value);
  });

  it('encodes a bigint beyond the safe integer range exactly', () => {
    const big = 2n ** 70n + 1n;
    const encoded = encodeValue(big);
    expect(encoded).toEqual({ $fb: 'bigint', v: '1180591620717411303425' });
    expect(decodeValue(encoded)).toBe(big);
  });

  it('encodes bytes as base64 with their size and decodes the same bytes', () => {
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    const encoded = encodeValue(bytes);
    expect(encoded).toEqual({ $fb: 'bytes', base64: 'AAEC+v8=', size: 5 });
    expect([...(decodeValue(encoded) as Uint8Array)]).toEqual([0, 1, 2, 250, 255]);
  });

  it('encodes an ArrayBuffer like its bytes', () => {
    expect(encodeValue(new Uint8Array([104, 105]).buffer)).toEqual({ $fb: 'bytes', base64: 'aGk=', size: 2 });
  });

  it('keeps only maxBytes of a large binary value and says so', () => {
    const encoded = encodeValue(new Uint8Array([1, 2, 3, 4]), limits({ maxBytes: 2 }));
    expect(encoded).toEqual({ $fb: 'bytes', base64: 'AQI=', size: 4, truncated: true });
    expect([...(decodeValue(encoded) as Uint8Array)]).toEqual([1, 2]);
  });

  it('round-trips dates, including an invalid date', () => {
    const date = new Date('2026-03-14T09:26:53.589Z');
    expect(encodeValue(date)).toEqual({ $fb: 'date', iso: '2026-03-14T09:26:53.589Z' });
    expect((decodeValue(encodeValue(date)) as Date).getTime()).toBe(date.getTime());
    const invalid = encodeValue(new Date(Number.NaN));
    expect(invalid).toEqual({ $fb: 'date', iso: null });
    expect(Number.isNaN((decodeValue(invalid) as Date).getTime())).toBe(true);
  });

  it('round-trips undefined, NaN and the infinities', () => {
    const encoded = encodeValue({ u: undefined, nan: Number.NaN, inf: Infinity, ninf: -Infinity });
    expect(encoded).toEqual({
      u: { $fb: 'undefined' },
      nan: { $fb: 'number', v: 'NaN' },
      inf: { $fb: 'number', v: 'Infinity' },
      ninf: { $fb: 'number', v: '-Infinity' },
    });
    const decoded = decodeValue(encoded) as Record<string, number | undefined>;
    expect('u' in decoded && decoded.u === undefined).toBe(true);
    expect(decoded.nan).toBeNaN();
    expect(decoded.inf).toBe(Infinity);
    expect(decoded.ninf).toBe(-Infinity);
  });

  it('marks a circular reference instead of recursing forever', () => {
    const order: Record<string, unknown> = { id: 7 };
    order.self = order;
    order.items = [{ order }];
    expect(encodeValue(order)).toEqual({
      id: 7,
      self: { $fb: 'circular' },
      items: [{ order: { $fb: 'circular' } }],
    });
  });

  it('does not mistake the same object reached twice through siblings for a cycle', () => {
    const address = { city: 'Lyon' };
    expect(encodeValue({ billing: address, shipping: address })).toEqual({
      billing: { city: 'Lyon' },
      shipping: { city: 'Lyon' },
    });
  });

  it('summarises objects below the depth cap with their type', () => {
    class Cart {
      items = [1];
    }
    const value = { a: { b: { c: { deep: true } } }, list: [[[1]]], cart: { inner: new Cart() } };
    expect(encodeValue(value, limits({ maxDepth: 2 }))).toEqual({
      a: { b: { $fb: 'depth', type: 'Object' } },
      list: [{ $fb: 'depth', type: 'Array' }],
      cart: { inner: { $fb: 'depth', type: 'Cart' } },
    });
  });

  it('cuts strings longer than the cap, keeping the prefix and the original length', () => {
    const encoded = encodeValue('abcdefghij', limits({ maxStringLength: 4 }));
    expect(encoded).toEqual({ $fb: 'string', v: 'abcd', size: 10, truncated: true });
  });

  it('keeps a string exactly at the cap as a plain string', () => {
    expect(encodeValue('abcd', limits({ maxStringLength: 4 }))).toBe('abcd');
  });

  it('round-trips Maps with non-string keys and Sets', () => {
    const map = new Map<unknown, unknown>([
      ['a', 1],
      [2, new Set(['x', 'y'])],
    ]);
    const encoded = encodeValue(map);
    expect(encoded).toEqual({
      $fb: 'map',
      entries: [
        ['a', 1],
        [2, { $fb: 'set', values: ['x', 'y'] }],
      ],
    });
    expect(decodeValue(encoded)).toEqual(map);
  });

  it('keeps maxBreadth elements of an array and counts the rest', () => {
    expect(encodeValue([1, 2, 3, 4, 5], limits({ maxBreadth: 2 }))).toEqual([
      1,
      2,
      { $fb: 'more', count: 3 },
    ]);
  });

  it('escapes an object that has its own $fb key, and decodes it back to that object', () => {
    const tricky = { $fb: 'bigint', v: 'not really' };
    const encoded = encodeValue(tricky);
    expect(encoded).toEqual({ $fb: 'object', v: { $fb: 'bigint', v: 'not really' } });
    expect(decodeValue(encoded)).toEqual(tricky);
  });

  it('summarises functions, symbols and errors', () => {
    function applyPromo() {}
    expect(encodeValue({ f: applyPromo, s: Symbol('cart'), e: new RangeError('too big') })).toEqual({
      f: { $fb: 'function', name: 'applyPromo' },
      s: { $fb: 'symbol', description: 'cart' },
      e: { $fb: 'error', name: 'RangeError', message: 'too big' },
    });
  });

  it('produces JSON that survives serialisation unchanged', () => {
    const encoded = encodeValue({
      n: 1n,
      d: new Date(0),
      b: new Uint8Array([1]),
      m: new Map([['k', undefined]]),
    });
    expect(JSON.parse(JSON.stringify(encoded))).toEqual(encoded);
  });
});

describe('isTagged', () => {
  it('recognises tagged values and nothing else', () => {
    expect(isTagged({ $fb: 'undefined' })).toBe(true);
    expect(isTagged({ fb: 'undefined' })).toBe(false);
    expect(isTagged(['$fb'])).toBe(false);
    expect(isTagged(null)).toBe(false);
    expect(isTagged('$fb')).toBe(false);
  });
});
