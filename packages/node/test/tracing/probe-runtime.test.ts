import { describe, expect, it } from 'vitest';
import { ProbeRuntime } from '../../src/tracing/probe-runtime.js';

const runtime = new ProbeRuntime(
  { hitsPerSecond: 10, budgetMsPerSecond: 50 },
  { log: () => {}, disabled: () => {}, failed: () => {} },
);

describe('the values a tracing expression may read', () => {
  it('reads data properties, own or inherited, and optional links', () => {
    class Order {
      total = 5;
    }
    expect(runtime.get(new Order(), 'total', false)).toBe(5);
    expect(runtime.get(Object.create({ inherited: 1 }), 'inherited', false)).toBe(1);
    expect(runtime.get('abc', 'length', false)).toBe(3);
    expect(runtime.get(undefined, 'x', true)).toBeUndefined();
    expect(() => runtime.get(undefined, 'x', false)).toThrow('cannot read x of undefined');
  });

  it('never runs a getter, a Proxy trap or valueOf', () => {
    let ran = 0;
    const withGetter = {
      get total() {
        ran++;
        return 1;
      },
    };
    const proxy = new Proxy(
      {},
      {
        get: () => ran++,
        getOwnPropertyDescriptor: () => {
          ran++;
          return undefined;
        },
      },
    );
    const sneaky = { valueOf: () => ran++ };
    expect(() => runtime.get(withGetter, 'total', false)).toThrow('total is a getter');
    expect(() => runtime.get(proxy, 'x', false)).toThrow('through a Proxy');
    expect(() => runtime.prim(sneaky)).toThrow('only convert primitives');
    expect(runtime.str({ a: 1, nested: { sneaky } })).toContain('a: 1');
    expect(ran).toBe(0);
  });
});
