/**
 * Decodes a recorded value for the logic. Like the protocol's `decodeValue`, except that bytes come
 * back as a Node `Buffer` (what the drivers handed the logic in production) rather than a bare
 * Uint8Array, so `toString('utf8')` and friends replay the same.
 */
import type { EncodedValue } from '@flashback/protocol/types';
import { decodeValue, isTagged } from '@flashback/protocol/values';

export function decodeTraceValue(value: EncodedValue): unknown {
  if (Array.isArray(value)) return value.map(decodeTraceValue);
  if (value === null || typeof value !== 'object') return value;
  if (!isTagged(value)) return decodeEntries(value);
  switch (value.$fb) {
    case 'bytes':
      return Buffer.from(String(value.base64), 'base64');
    case 'object':
      return decodeEntries(value.v as { [key: string]: EncodedValue });
    case 'map':
      return new Map(
        (value.entries as EncodedValue[][]).map(([k, v]) => [
          decodeTraceValue(k ?? null),
          decodeTraceValue(v ?? null),
        ]),
      );
    case 'set':
      return new Set((value.values as EncodedValue[]).map(decodeTraceValue));
    default:
      return decodeValue(value);
  }
}

function decodeEntries(value: { [key: string]: EncodedValue }): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = decodeTraceValue(value[key] as EncodedValue);
  return out;
}
