import { types } from 'node:util';
import type { EncodedValue } from '@flashback/protocol/types';
import type { LocalsLimits } from './types.js';

const TAG = '$fb';

// Taken once, so a host that later patches these cannot make the encoder run its code.
const { getOwnPropertyDescriptor, getPrototypeOf, keys: objectKeys } = Object;
const dateGetTime = Date.prototype.getTime;
const dateToISOString = Date.prototype.toISOString;
const mapEntries = Map.prototype.entries;
const setValues = Set.prototype.values;
const mapIteratorNext = getPrototypeOf(new Map().entries()).next as (
  this: Iterator<unknown>,
) => IteratorResult<unknown>;
const typedArrayLength = getOwnPropertyDescriptor(getPrototypeOf(Int8Array.prototype), 'length')?.get as (
  this: ArrayBufferView,
) => number;
const setIteratorNext = getPrototypeOf(new Set().values()).next as (
  this: Iterator<unknown>,
) => IteratorResult<unknown>;

/** Encodes left for one capture; shared by all its frames so the pause stays bounded. */
export interface EncodeBudget {
  nodes: number;
}

/**
 * Encodes a value into the protocol's `$fb` encoding (the same output as `encodeValue` from
 * `@flashback/protocol/values`) without running any of the host's code. It runs on the main thread
 * while that thread is paused at a throw, so it must not have side effects: getters are not
 * called (an accessor shows as the getter function), proxies are not looked into, and built-ins
 * the host could patch were captured at load time. Depth, breadth, string length and a node
 * budget bound the work.
 */
export function encodeSafely(value: unknown, limits: LocalsLimits, budget: EncodeBudget): EncodedValue {
  return encode(value, limits, budget, 0, new Set());
}

function encode(
  value: unknown,
  limits: LocalsLimits,
  budget: EncodeBudget,
  depth: number,
  seen: Set<object>,
): EncodedValue {
  budget.nodes--;
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
      return { [TAG]: 'function', name: functionName(value) };
  }
  if (value === null) return null;
  const object = value as object;
  if (types.isProxy(object)) return { [TAG]: 'depth', type: 'Proxy' };
  if (types.isDate(object)) {
    const time = dateGetTime.call(object);
    return { [TAG]: 'date', iso: Number.isNaN(time) ? null : dateToISOString.call(object) };
  }
  if (types.isUint8Array(object)) return encodeBytes(object, limits);
  if (types.isArrayBuffer(object)) return encodeBytes(new Uint8Array(object), limits);
  if (seen.has(object)) return { [TAG]: 'circular' };
  if (types.isNativeError(object)) {
    return {
      [TAG]: 'error',
      name: String(dataProperty(object, 'name') ?? 'Error'),
      message: String(dataProperty(object, 'message') ?? ''),
    };
  }
  if (depth >= limits.maxDepth || budget.nodes <= 0) return { [TAG]: 'depth', type: typeName(object) };
  seen.add(object);
  try {
    if (Array.isArray(object)) return encodeArray(object, limits, budget, depth, seen);
    if (types.isMap(object)) return encodeMap(object, limits, budget, depth, seen);
    if (types.isSet(object)) return encodeSet(object, limits, budget, depth, seen);
    if (types.isTypedArray(object)) return encodeTypedArray(object, limits, budget, depth, seen);
    const out: { [key: string]: EncodedValue } = {};
    let count = 0;
    for (const key of objectKeys(object)) {
      if (count++ >= limits.maxBreadth || budget.nodes <= 0) break;
      out[key] = encodeProperty(object, key, limits, budget, depth, seen);
    }
    return TAG in out ? { [TAG]: 'object', v: out } : out;
  } finally {
    seen.delete(object);
  }
}

function encodeArray(
  array: unknown[],
  limits: LocalsLimits,
  budget: EncodeBudget,
  depth: number,
  seen: Set<object>,
): EncodedValue {
  const kept = Math.min(array.length, limits.maxBreadth);
  const items: EncodedValue[] = [];
  for (let index = 0; index < kept && budget.nodes > 0; index++) {
    items.push(encodeProperty(array, String(index), limits, budget, depth, seen));
  }
  if (array.length > items.length) items.push({ [TAG]: 'more', count: array.length - items.length });
  return items;
}

/** Like the generic object path, but without listing every index of a large typed array. */
function encodeTypedArray(
  array: ArrayBufferView,
  limits: LocalsLimits,
  budget: EncodeBudget,
  depth: number,
  seen: Set<object>,
): EncodedValue {
  const out: { [key: string]: EncodedValue } = {};
  const kept = Math.min(typedArrayLength.call(array), limits.maxBreadth);
  for (let index = 0; index < kept && budget.nodes > 0; index++) {
    out[String(index)] = encode(
      (array as unknown as ArrayLike<unknown>)[index],
      limits,
      budget,
      depth + 1,
      seen,
    );
  }
  return out;
}

function encodeMap(
  map: Map<unknown, unknown>,
  limits: LocalsLimits,
  budget: EncodeBudget,
  depth: number,
  seen: Set<object>,
): EncodedValue {
  const entries: EncodedValue[] = [];
  const iterator = mapEntries.call(map);
  while (entries.length < limits.maxBreadth && budget.nodes > 0) {
    const step = mapIteratorNext.call(iterator) as IteratorResult<[unknown, unknown]>;
    if (step.done) break;
    const [k, v] = step.value;
    entries.push([encode(k, limits, budget, depth + 1, seen), encode(v, limits, budget, depth + 1, seen)]);
  }
  return { [TAG]: 'map', entries };
}

function encodeSet(
  set: Set<unknown>,
  limits: LocalsLimits,
  budget: EncodeBudget,
  depth: number,
  seen: Set<object>,
): EncodedValue {
  const values: EncodedValue[] = [];
  const iterator = setValues.call(set);
  while (values.length < limits.maxBreadth && budget.nodes > 0) {
    const step = setIteratorNext.call(iterator);
    if (step.done) break;
    values.push(encode(step.value, limits, budget, depth + 1, seen));
  }
  return { [TAG]: 'set', values };
}

/** Reads one own property without calling a getter. */
function encodeProperty(
  object: object,
  key: string,
  limits: LocalsLimits,
  budget: EncodeBudget,
  depth: number,
  seen: Set<object>,
): EncodedValue {
  let descriptor: PropertyDescriptor | undefined;
  try {
    descriptor = getOwnPropertyDescriptor(object, key);
  } catch {
    // A module namespace binding still in its temporal dead zone.
    return { [TAG]: 'undefined' };
  }
  if (!descriptor) return { [TAG]: 'undefined' };
  if ('value' in descriptor) return encode(descriptor.value, limits, budget, depth + 1, seen);
  budget.nodes--;
  const accessor = descriptor.get ?? descriptor.set;
  return { [TAG]: 'function', name: accessor ? functionName(accessor) : `get ${key}` };
}

function encodeBytes(bytes: Uint8Array, limits: LocalsLimits): EncodedValue {
  const kept = bytes.length > limits.maxBytes ? bytes.subarray(0, limits.maxBytes) : bytes;
  const encoded: { [key: string]: EncodedValue } = {
    [TAG]: 'bytes',
    base64: Buffer.from(kept.buffer, kept.byteOffset, kept.byteLength).toString('base64'),
    size: bytes.length,
  };
  if (kept.length < bytes.length) encoded.truncated = true;
  return encoded;
}

/** A property found on the object or its prototypes, if it is a plain data property. */
function dataProperty(object: object, key: string): unknown {
  let current: object | null = object;
  for (let hops = 0; current !== null && hops < 32; hops++) {
    if (types.isProxy(current)) return undefined;
    const descriptor = getOwnPropertyDescriptor(current, key);
    if (descriptor) return 'value' in descriptor ? descriptor.value : undefined;
    current = getPrototypeOf(current) as object | null;
  }
  return undefined;
}

function functionName(fn: object): string {
  if (types.isProxy(fn)) return '<anonymous>';
  const name = getOwnPropertyDescriptor(fn, 'name')?.value;
  return typeof name === 'string' && name ? name : '<anonymous>';
}

function typeName(object: object): string {
  if (Array.isArray(object)) return 'Array';
  const prototype = getPrototypeOf(object) as object | null;
  if (prototype === null || types.isProxy(prototype)) return 'Object';
  const ctor = getOwnPropertyDescriptor(prototype, 'constructor')?.value;
  const name = typeof ctor === 'function' ? functionName(ctor) : undefined;
  return name && name !== '<anonymous>' ? name : 'Object';
}
