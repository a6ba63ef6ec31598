import { describe, expect, it } from 'vitest';
import { scanBatch } from '../../src/ingest/batch-scan.js';
import { SeededRandom } from '../fuzz/seeded-random.js';

const depthExceeded = (text: string, maxDepth: number) => scanBatch(text, maxDepth).tooDeep;
const elements = (text: string) =>
  scanBatch(text, 64).packages?.map(([start, end]) => text.slice(start, end));

describe('scanBatch: depth', () => {
  it('counts objects and arrays alike, up to the limit inclusive', () => {
    expect(depthExceeded('[{"a":[1]}]', 3)).toBe(false);
    expect(depthExceeded('[{"a":[1]}]', 2)).toBe(true);
    expect(depthExceeded('{"a":{},"b":[[]]}', 3)).toBe(false);
  });

  it('ignores brackets inside strings, including after escaped quotes and backslashes', () => {
    expect(depthExceeded('{"sql":"[[[[{{{{"}', 1)).toBe(false);
    expect(depthExceeded('{"a":"say \\"[[[[\\" twice"}', 1)).toBe(false);
    // The string ends at the quote after an escaped backslash; the brackets after it count.
    expect(depthExceeded('{"a":"C:\\\\","b":[[1]]}', 2)).toBe(true);
  });

  it('stops at the first level too deep, without reading the rest', () => {
    expect(depthExceeded(`${'['.repeat(10)}"`, 5)).toBe(true);
  });

  it('leaves malformed text to the parser', () => {
    expect(scanBatch('{"unterminated', 1)).toEqual({ tooDeep: false });
    expect(scanBatch(']]]]', 1)).toEqual({ tooDeep: false });
  });
});

describe('scanBatch: where each package is', () => {
  it('finds the elements of the top-level packages array, whatever they are', () => {
    expect(elements('{"packages":[{"a":1},  {"b":[2,3]} ,"s",42,null]}')).toEqual([
      '{"a":1}',
      '{"b":[2,3]}',
      '"s"',
      '42',
      'null',
    ]);
    expect(elements('{ "other": [1, 2], "packages" : [ ] }')).toEqual([]);
  });

  it('follows JSON.parse: the last "packages" key wins, nested ones do not count', () => {
    expect(elements('{"packages":[1],"x":{"packages":[2]},"packages":[3,4]}')).toEqual(['3', '4']);
  });

  it('gives up where only the parser could tell', () => {
    expect(elements('{"pack\\u0061ges":[1]}')).toBeUndefined();
    expect(elements('{"packages":[1],"pack\\u0061ges":[2]}')).toBeUndefined();
    expect(elements('{"packages":{"a":1}}')).toBeUndefined();
    expect(elements('[1,2]')).toBeUndefined();
  });

  it('places every package exactly: each slice parses to what JSON.parse gave for it', () => {
    const random = new SeededRandom(0xba7c4);
    for (let round = 0; round < 300; round++) {
      const packages = Array.from({ length: random.int(0, 6) }, () => randomValue(random, 4));
      const text = serialize({ before: randomValue(random, 2), packages, after: 'x' }, random);
      const parsed = (JSON.parse(text) as { packages: unknown[] }).packages;
      const slices = elements(text);
      expect(slices?.map((slice) => JSON.parse(slice))).toEqual(parsed);
    }
  });
});

/** JSON with random whitespace between tokens, as any client might format it. */
function serialize(value: unknown, random: SeededRandom): string {
  const ws = () => random.pick(['', '', ' ', '\n  ', '\t']);
  if (Array.isArray(value))
    return `[${ws()}${value.map((v) => serialize(v, random)).join(`${ws()},${ws()}`)}${ws()}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(
      ([k, v]) => `${JSON.stringify(k)}${ws()}:${ws()}${serialize(v, random)}`,
    );
    return `{${ws()}${entries.join(`${ws()},${ws()}`)}${ws()}}`;
  }
  return JSON.stringify(value);
}

function randomValue(random: SeededRandom, depth: number): unknown {
  const kind = random.int(0, depth > 0 ? 7 : 4);
  switch (kind) {
    case 0:
      return null;
    case 1:
      return random.next() < 0.5;
    case 2:
      return random.int(-1000, 1000) / random.pick([1, 10, 3]);
    case 3:
      return random.pick(['', 'plain', 'with "quotes"', 'back\\slash\\', '[{]}', ',:', 'unicode ☃ \u2028']);
    case 4:
      return `id-${random.int(0, 99)}`;
    case 5:
    case 6:
      return Array.from({ length: random.int(0, 4) }, () => randomValue(random, depth - 1));
    default:
      return Object.fromEntries(
        Array.from({ length: random.int(0, 4) }, (_, i) => [
          random.pick(['a', 'packages', 'k"q', `f${i}`]),
          randomValue(random, depth - 1),
        ]),
      );
  }
}
