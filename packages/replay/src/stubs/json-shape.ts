/**
 * Compares a JSON value the app sends now with the one recorded: same structure (keys, array
 * lengths, types) and equal values, except where a value is volatile (under a volatile key, a uuid
 * or timestamp inside a string, an epoch-milliseconds number) or was redacted in the recording. Pure.
 */
import { isVolatileKey } from './volatile-keys.js';
import { isRedacted, sameText } from './volatile-text.js';

/**
 * The first difference between `recorded` and `actual`, as `<json path>: <what differs>`, or
 * `undefined` when they match.
 *
 * @example
 * jsonDifference({ amount: 3600 }, { amount: 0 }); // '$.amount: recorded 3600, got 0'
 */
export function jsonDifference(recorded: unknown, actual: unknown, path = '$'): string | undefined {
  if (typeof recorded === 'string') {
    if (isRedacted(recorded)) return undefined;
    if (typeof actual === 'string' && sameText(recorded, actual)) return undefined;
    return `${path}: recorded ${short(recorded)}, got ${short(actual)}`;
  }
  if (Array.isArray(recorded)) {
    if (!Array.isArray(actual)) return `${path}: recorded an array, got ${kind(actual)}`;
    if (actual.length !== recorded.length) {
      return `${path}: recorded ${recorded.length} elements, got ${actual.length}`;
    }
    for (let i = 0; i < recorded.length; i++) {
      const difference = jsonDifference(recorded[i], actual[i], `${path}[${i}]`);
      if (difference) return difference;
    }
    return undefined;
  }
  if (recorded !== null && typeof recorded === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) {
      return `${path}: recorded an object, got ${kind(actual)}`;
    }
    return objectDifference(recorded as Record<string, unknown>, actual as Record<string, unknown>, path);
  }
  if (Object.is(recorded, actual)) return undefined;
  // Epoch-millisecond numbers are timestamps, volatile like the ones inside strings.
  if (
    typeof recorded === 'number' &&
    typeof actual === 'number' &&
    sameText(String(recorded), String(actual))
  ) {
    return undefined;
  }
  return `${path}: recorded ${short(recorded)}, got ${short(actual)}`;
}

function objectDifference(
  recorded: Record<string, unknown>,
  actual: Record<string, unknown>,
  path: string,
): string | undefined {
  for (const key of Object.keys(recorded)) {
    if (!Object.hasOwn(actual, key)) return `${path}: key ${JSON.stringify(key)} is missing`;
  }
  for (const key of Object.keys(actual)) {
    if (!Object.hasOwn(recorded, key)) return `${path}: unexpected key ${JSON.stringify(key)}`;
  }
  for (const [key, value] of Object.entries(recorded)) {
    if (isVolatileKey(key)) continue;
    const difference = jsonDifference(value, actual[key], childPath(path, key));
    if (difference) return difference;
  }
  return undefined;
}

function childPath(path: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function short(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
