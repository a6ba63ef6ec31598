import { describe, expect, it } from 'vitest';
import { exceedsJsonDepth } from '../../src/ingest/json-depth.js';

describe('exceedsJsonDepth', () => {
  it('counts objects and arrays alike, up to the limit inclusive', () => {
    expect(exceedsJsonDepth('[{"a":[1]}]', 3)).toBe(false);
    expect(exceedsJsonDepth('[{"a":[1]}]', 2)).toBe(true);
    expect(exceedsJsonDepth('{"a":{},"b":[[]]}', 3)).toBe(false);
  });

  it('ignores brackets inside strings, including after escaped quotes and backslashes', () => {
    expect(exceedsJsonDepth('{"sql":"[[[[{{{{"}', 1)).toBe(false);
    expect(exceedsJsonDepth('{"a":"say \\"[[[[\\" twice"}', 1)).toBe(false);
    // The string ends at the quote after an escaped backslash; the brackets after it count.
    expect(exceedsJsonDepth('{"a":"C:\\\\","b":[[1]]}', 2)).toBe(true);
  });

  it('stops at the first level too deep, without reading the rest', () => {
    const bomb = `${'['.repeat(10)}${'"'.repeat(1)}`;
    expect(exceedsJsonDepth(bomb, 5)).toBe(true);
  });

  it('leaves malformed text to the parser', () => {
    expect(exceedsJsonDepth('{"unterminated', 1)).toBe(false);
    expect(exceedsJsonDepth(']]]]', 1)).toBe(false);
  });
});
