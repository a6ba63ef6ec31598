/**
 * Encoding of captured JavaScript values into JSON and back.
 *
 * Plain JSON values stand for themselves. Everything else becomes an object tagged with `$fb`:
 *   { $fb: 'bigint', v: '123' }            { $fb: 'date', iso: '2026-01-01T00:00:00.000Z' }
 *   { $fb: 'bytes', base64, size, truncated? }   { $fb: 'undefined' }
 *   { $fb: 'number', v: 'NaN' | 'Infinity' | '-Infinity' }
 *   { $fb: 'string', v: prefix, size, truncated: true }   a string cut at the length cap
 *   { $fb: 'circular' }   { $fb: 'function', name }   { $fb: 'symbol', description }
 *   { $fb: 'depth', type }  an object below the depth cap    { $fb: 'error', name, message }
 *   { $fb: 'map', entries: [[k, v]...] }   { $fb: 'set', values: [...] }
 * An object whose own key is `$fb` is escaped as { $fb: 'object', v: {...} }.
 */
import { base64ToBytes, bytesToBase64 } from './base64.js';
import type { EncodedValue } from './types.js';

export interface ValueLimits {
  /** Nesting depth below which objects are summarised. */
  maxDepth: number;
  /** Properties or elements kept per object or array. */
  maxBreadth: number;
  /** Characters kept per string. */
  maxStringLength: number;
  /** Bytes kept per binary value. */
  maxBytes: number;
}

export const DEFAULT_VALUE_LIMITS: ValueLimits = {
  maxDepth: 6,
  maxBreadth: 100,
  maxStringLength: 4096,
  maxBytes: 16 * 1024,
};

const TAG = '$fb';

export function isTagged(value: unknown): value is { $fb: string; [key: string]: EncodedValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && TAG in value;
}

/** Converts any JavaScript value into its JSON form, within the given limits. */
export function encodeValue(value: unknown, limits: ValueLimits = DEFAULT_VALUE_LIMITS): EncodedValue {
  return encode(value, limits, 0, new Set());
}

function encode(value: unknown, limits: ValueLimits, depth: number, seen: Set<object>): EncodedValue {
  switch (typeof value) {
    case 'string':
      return value.length > limits.maxStringLength
        ? { [TAG]: 'string', v: value.slice(0, limits.maxStringLength), size: value.length, truncated: true }
        : value;
    case 'number':
      return Number.isFinite(value) ? value : { [TAG]: 'number', v: String(value) };
    case 'boolean':
      return value;
    case 'bigint':
      return { [TAG]: 'bigint', v: value.toString() };
    case 'undefined':
      return { [TAG]: 'undefined' };
    case 'symbol':
      return { [TAG]: 'symbol', description: value.description ?? '' };
    case 'function':
      return { [TAG]: 'function', name: value.name || '<anonymous>' };
  }
  if (value === null) return null;
  const object = value as object;
  if (object instanceof Date) {
    return Number.isNaN(object.getTime())
      ? { [TAG]: 'date', iso: null }
      : { [TAG]: 'date', iso: object.toISOString() };
  }
  if (object instanceof Uint8Array) return encodeBytes(object, limits);
  if (object instanceof ArrayBuffer) return encodeBytes(new Uint8Array(object), limits);
  if (seen.has(object)) return { [TAG]: 'circular' };
  if (object instanceof Error) return { [TAG]: 'error', name: object.name, message: object.message };
  if (depth >= limits.maxDepth) return { [TAG]: 'depth', type: typeName(object) };
  seen.add(object);
  try {
    if (Array.isArray(object)) {
      const items = object.slice(0, limits.maxBreadth).map((item) => encode(item, limits, depth + 1, seen));
      if (object.length > limits.maxBreadth)
        items.push({ [TAG]: 'more', count: object.length - limits.maxBreadth });
      return items;
    }
    if (object instanceof Map) {
      const entries: EncodedValue[] = [];
      for (const [k, v] of object) {
        if (entries.length >= limits.maxBreadth) break;
        entries.push([encode(k, limits, depth + 1, seen), encode(v, limits, depth + 1, seen)]);
      }
      return { [TAG]: 'map', entries };
    }
    if (object instanceof Set) {
      const values: EncodedValue[] = [];
      for (const v of object) {
        if (values.length >= limits.maxBreadth) break;
        values.push(encode(v, limits, depth + 1, seen));
      }
      return { [TAG]: 'set', values };
    }
    const out: { [key: string]: EncodedValue } = {};
    let count = 0;
    for (const key of Object.keys(object)) {
      if (count++ >= limits.maxBreadth) break;
      out[key] = encode((object as Record<string, unknown>)[key], limits, depth + 1, seen);
    }
    return TAG in out ? { [TAG]: 'object', v: out } : out;
  } finally {
    seen.delete(object);
  }
}

function encodeBytes(bytes: Uint8Array, limits: ValueLimits): EncodedValue {
  const kept = bytes.length > limits.maxBytes ? bytes.subarray(0, limits.maxBytes) : bytes;
  const encoded: { [key: string]: EncodedValue } = {
    [TAG]: 'bytes',
    base64: bytesToBase64(kept),
    size: bytes.length,
  };
  if (kept.length < bytes.length) encoded.truncated = true;
  return encoded;
}

function typeName(object: object): string {
  if (Array.isArray(object)) return 'Array';
  const name = Object.getPrototypeOf(object)?.constructor?.name;
  return typeof name === 'string' && name ? name : 'Object';
}

/**
 * Converts an encoded value back into the JavaScript value it stands for, as far as that is
 * possible: summaries (circular, depth, function, cut-off strings) come back as their tags.
 */
export function decodeValue(value: EncodedValue): unknown {
  if (Array.isArray(value)) return value.map(decodeValue);
  if (value === null || typeof value !== 'object') return value;
  if (!isTagged(value)) return decodeEntries(value);
  switch (value.$fb) {
    case 'bigint':
      return BigInt(String(value.v));
    case 'undefined':
      return undefined;
    case 'number':
      return Number(value.v);
    case 'date':
      return value.iso === null ? new Date(Number.NaN) : new Date(String(value.iso));
    case 'bytes':
      return base64ToBytes(String(value.base64));
    case 'object':
      // The escaped object's own `$fb` key is data, not a tag: decode its entries, not the object.
      return decodeEntries(value.v as { [key: string]: EncodedValue });
    case 'map':
      return new Map(
        (value.entries as EncodedValue[][]).map(([k, v]) => [decodeValue(k ?? null), decodeValue(v ?? null)]),
      );
    case 'set':
      return new Set((value.values as EncodedValue[]).map(decodeValue));
    default:
      return value;
  }
}

function decodeEntries(value: { [key: string]: EncodedValue }): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = decodeValue(v);
  return out;
}
