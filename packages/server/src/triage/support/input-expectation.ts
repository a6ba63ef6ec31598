/**
 * What a TypeError says the code expected of a value: `x.items.map is not a function` expects
 * `x.items` to be an array, `x.name.trim is not a function` a string, `x.lines is not iterable` an
 * array. Methods shared by several types accept any of them.
 */

/** A property path the code reached and the JSON-ish types it would have worked with. */
export interface Expectation {
  expression: string[];
  expected: readonly string[];
}

const ARRAY = ['array'];
const STRING = ['string'];
const NUMBER = ['number'];
const ARRAY_OR_STRING = ['array', 'string'];

const METHOD_TYPES = new Map<string, readonly string[]>();
for (const method of 'map forEach filter reduce reduceRight find findIndex findLast findLastIndex some every flatMap flat join splice push pop shift unshift sort reverse fill toSorted toReversed'.split(
  ' ',
))
  METHOD_TYPES.set(method, ARRAY);
for (const method of 'toLowerCase toUpperCase trim trimStart trimEnd split startsWith endsWith padStart padEnd replace replaceAll match matchAll normalize localeCompare charAt charCodeAt codePointAt substring substr repeat'.split(
  ' ',
))
  METHOD_TYPES.set(method, STRING);
for (const method of 'includes indexOf lastIndexOf slice concat at'.split(' '))
  METHOD_TYPES.set(method, ARRAY_OR_STRING);
for (const method of 'toFixed toPrecision toExponential'.split(' ')) METHOD_TYPES.set(method, NUMBER);

const NOT_A_FUNCTION = /^([\w$]+(?:\??\.[\w$]+)+) is not a function\b/;
// "is not iterable" alone; "… or its return value is not iterable" is about a call, not a value.
const NOT_ITERABLE = /^([\w$]+(?:\??\.[\w$]+)*) is not iterable$/;

/** The expectation a TypeError message states, or undefined when it states none this can read. */
export function expectationOf(message: string): Expectation | undefined {
  const call = NOT_A_FUNCTION.exec(message);
  if (call?.[1]) {
    const segments = split(call[1]);
    const expected = METHOD_TYPES.get(segments.pop() ?? '');
    return expected ? { expression: segments, expected } : undefined;
  }
  const loop = NOT_ITERABLE.exec(message);
  if (loop?.[1]) return { expression: split(loop[1]), expected: ARRAY_OR_STRING };
  return undefined;
}

function split(expression: string): string[] {
  return expression.replace(/\?\./g, '.').split('.');
}
