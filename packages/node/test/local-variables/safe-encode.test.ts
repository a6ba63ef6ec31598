import { encodeValue } from '@flashback/protocol/values';
import { describe, expect, it } from 'vitest';
import { encodeSafely } from '../../src/integrations/local-variables/safe-encode.js';
import { DEFAULT_LOCALS_LIMITS, type LocalsLimits } from '../../src/integrations/local-variables/types.js';

const limits: LocalsLimits = {
  ...DEFAULT_LOCALS_LIMITS,
  maxDepth: 3,
  maxBreadth: 4,
  maxStringLength: 8,
  maxBytes: 4,
};
const encode = (value: unknown, maxNodes = 10_000) =>
  encodeSafely(value, { ...limits, maxNodes }, { nodes: maxNodes });

describe('encodeSafely', () => {
  const circular: Record<string, unknown> = { name: 'c' };
  circular.self = circular;
  const shared = { s: 1 };
  class Order {
    id = 1;
  }
  const samples: [string, unknown][] = [
    ['primitives', [1, -0, 'short', true, null, undefined, 10n, Number.NaN, Number.POSITIVE_INFINITY]],
    ['a long string', 'abcdefghijklmnop'],
    ['a symbol and functions', [Symbol('s'), function named() {}, () => {}]],
    ['dates', [new Date('2026-01-02T03:04:05.678Z'), new Date(Number.NaN)]],
    ['bytes', [new Uint8Array([1, 2, 3, 4, 5, 6]), Buffer.from('hi'), new Uint8Array([9]).buffer]],
    ['an error', new TypeError('bad')],
    ['maps and sets', [new Map<unknown, unknown>([['k', { v: 1 }]]), new Set([1, 'two'])]],
    ['nesting past the depth cap', { a: { b: { c: { d: 1 } } } }],
    ['arrays past the breadth cap', [[1, 2, 3, 4, 5, 6]]],
    ['objects past the breadth cap', { a: 1, b: 2, c: 3, d: 4, e: 5 }],
    ['a circular object', circular],
    ['a shared (not circular) object', [shared, shared]],
    ['a class instance at the depth cap', [[[new Order()]]]],
    ['an object with a $fb key', { $fb: 'x', other: 1 }],
    ['typed arrays other than bytes', [new Float64Array([1.5, 2.5]), new Int32Array(10)]],
  ];

  it.each(samples)('encodes %s exactly as the protocol encoder does', (_, value) => {
    expect(encode(value)).toEqual(encodeValue(value, limits));
  });

  it('shows an own getter as its function without calling it', () => {
    let calls = 0;
    const value = {
      get total() {
        calls++;
        return 1;
      },
    };
    expect(encode(value)).toEqual({ total: { $fb: 'function', name: 'get total' } });
    expect(calls).toBe(0);
  });

  it('does not look into proxies', () => {
    let traps = 0;
    const handler: ProxyHandler<object> = {
      ownKeys: () => {
        traps++;
        return [];
      },
      getPrototypeOf: () => {
        traps++;
        return null;
      },
    };
    expect(encode({ p: new Proxy({}, handler) })).toEqual({ p: { $fb: 'depth', type: 'Proxy' } });
    expect(traps).toBe(0);
  });

  it('stops once the node budget of the capture is spent, like the breadth cap does', () => {
    const wide = { a: { x: 1 }, b: { x: 2 }, c: { x: 3 } };
    expect(encode(wide, 3)).toEqual({ a: { x: 1 } });
    expect(encode([{ x: 1 }, { x: 2 }], 3)).toEqual([{ x: 1 }, { $fb: 'more', count: 1 }]);
  });
});
