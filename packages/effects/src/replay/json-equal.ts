import type { EncodedValue } from '@flashback/protocol/types';

/** Structural equality of JSON values; object key order does not matter. */
export function jsonEqual(a: EncodedValue | undefined, b: EncodedValue | undefined): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) if (!(key in b) || !jsonEqual(a[key], b[key])) return false;
  return true;
}
