/**
 * Redaction of JSON values: key rules on object keys, value patterns on strings and integers.
 * In tagged mode the `$fb` tags of captured values (see `values.ts`) are understood and kept;
 * in plain mode (parsed bodies) `$fb` is an ordinary key.
 */
import type { EncodedValue } from '../types.js';
import { isTagged } from '../values.js';
import type { RedactionContext } from './context.js';
import { redactJsonLikeText } from './json-like-text.js';
import { childPath } from './json-path.js';
import { redactText, scanText } from './redact-text.js';

type JsonObject = { [key: string]: EncodedValue };

/** Redacts `value`; `tagged` says whether objects carrying `$fb` are captured-value tags. */
export function redactEncoded(
  context: RedactionContext,
  value: EncodedValue,
  path: string,
  tagged: boolean,
): EncodedValue {
  if (typeof value === 'string') return redactString(context, value, path);
  if (typeof value === 'number') return redactInteger(context, value, path);
  if (value === null || typeof value === 'boolean') return value;
  if (Array.isArray(value))
    return value.map((item, index) => redactEncoded(context, item, childPath(path, index), tagged));
  if (tagged && isTagged(value)) return redactTagged(context, value, path);
  return redactEntries(context, value, path, tagged);
}

/**
 * Redacts a string; one holding a JSON object or array (a Redis value, a JSON column, a raw body in
 * a local) is parsed so that key rules reach inside it, and re-serialised only if something changed.
 */
export function redactString(context: RedactionContext, text: string, path: string): string {
  return looksLikeJson(text) ? redactJsonText(context, text, path) : redactText(context, text, path);
}

/** Redacts JSON text by key and pattern; text that does not parse is treated as cut-off JSON. */
export function redactJsonText(context: RedactionContext, text: string, path: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return redactText(context, redactJsonLikeText(context, text, path), path);
  }
  if (parsed === null || typeof parsed !== 'object') return redactText(context, text, path);
  const before = context.replacements;
  const redacted = redactEncoded(context, parsed as EncodedValue, path, false);
  // Untouched text keeps its exact bytes: replayed responses should match the recording.
  return context.replacements === before ? text : JSON.stringify(redacted);
}

/**
 * Masks every leaf under a key that a rule marked sensitive (`credentials: { user, pass }`), keeping
 * structure, booleans, nulls and dates, which say something about the data without revealing it.
 */
export function maskAll(
  context: RedactionContext,
  value: EncodedValue,
  path: string,
  rule: string,
  tagged: boolean,
): EncodedValue {
  if (typeof value === 'string') return context.maskKnown(value, path, rule);
  if (typeof value === 'number') return context.maskKnown(String(value), path, rule);
  if (value === null || typeof value === 'boolean') return value;
  if (Array.isArray(value)) {
    return value.map((item, index) => maskAll(context, item, childPath(path, index), rule, tagged));
  }
  if (tagged && isTagged(value)) return maskTagged(context, value, path, rule);
  return maskEntries(context, value, path, rule, tagged);
}

function maskEntries(
  context: RedactionContext,
  value: JsonObject,
  path: string,
  rule: string,
  tagged: boolean,
): JsonObject {
  const out: JsonObject = {};
  for (const [key, child] of Object.entries(value)) {
    const safe = safeKey(context, key, path);
    out[safe.key] = maskAll(context, child, safe.path, rule, tagged);
  }
  return out;
}

function redactEntries(
  context: RedactionContext,
  value: JsonObject,
  path: string,
  tagged: boolean,
): JsonObject {
  const out: JsonObject = {};
  for (const [key, child] of Object.entries(value)) {
    const safe = safeKey(context, key, path);
    const rule = context.rules.matchKey(key);
    out[safe.key] = rule
      ? maskAll(context, child, safe.path, rule, tagged)
      : redactEncoded(context, child, safe.path, tagged);
  }
  return out;
}

// Card numbers are sometimes stored as numbers; other numbers are returned as they are.
function redactInteger(context: RedactionContext, value: number, path: string): EncodedValue {
  if (!Number.isSafeInteger(value)) return value;
  const text = String(value);
  const result = scanText(context, text);
  if (result.text === text) return value;
  for (const rule of result.rules) context.record(path, rule);
  return result.text;
}

// A key can itself be a secret (a map of sessions keyed by token); it must not survive as a key
// nor appear in a recorded path.
function safeKey(context: RedactionContext, key: string, parent: string): { key: string; path: string } {
  const result = scanText(context, key);
  const path = childPath(parent, result.text);
  for (const rule of result.rules) context.record(path, rule);
  return { key: result.text, path };
}

function redactTagged(context: RedactionContext, value: JsonObject, path: string): EncodedValue {
  switch (value.$fb) {
    case 'string':
      return typeof value.v === 'string'
        ? { ...value, v: redactString(context, value.v, childPath(path, 'v')) }
        : value;
    case 'bigint': {
      if (typeof value.v !== 'string') return value;
      const result = scanText(context, value.v);
      if (result.text === value.v) return value;
      for (const rule of result.rules) context.record(path, rule);
      // A masked bigint is no longer a number; the token stands in for the whole value.
      return result.text;
    }
    case 'object':
      return isObject(value.v)
        ? { ...value, v: redactEntries(context, value.v, childPath(path, 'v'), true) }
        : value;
    case 'map':
      return Array.isArray(value.entries)
        ? { ...value, entries: redactMapEntries(context, value.entries, childPath(path, 'entries')) }
        : value;
    case 'set':
      return Array.isArray(value.values)
        ? { ...value, values: redactEncoded(context, value.values, childPath(path, 'values'), true) }
        : value;
    case 'error':
      return typeof value.message === 'string'
        ? { ...value, message: redactText(context, value.message, childPath(path, 'message')) }
        : value;
    default:
      return value;
  }
}

function redactMapEntries(context: RedactionContext, entries: EncodedValue[], path: string): EncodedValue[] {
  return entries.map((entry, index) => {
    const entryPath = childPath(path, index);
    if (!Array.isArray(entry) || entry.length !== 2) return redactEncoded(context, entry, entryPath, true);
    const [key = null, child = null] = entry;
    const rule = typeof key === 'string' ? context.rules.matchKey(key) : undefined;
    const valuePath = childPath(entryPath, 1);
    return [
      redactEncoded(context, key, childPath(entryPath, 0), true),
      rule ? maskAll(context, child, valuePath, rule, true) : redactEncoded(context, child, valuePath, true),
    ];
  });
}

function maskTagged(context: RedactionContext, value: JsonObject, path: string, rule: string): EncodedValue {
  switch (value.$fb) {
    case 'string':
    case 'bigint':
      return typeof value.v === 'string' ? context.maskKnown(value.v, path, rule) : value;
    case 'bytes':
      return typeof value.base64 === 'string' ? context.maskKnown(value.base64, path, rule) : value;
    case 'object':
      return isObject(value.v)
        ? { ...value, v: maskEntries(context, value.v, childPath(path, 'v'), rule, true) }
        : value;
    case 'map':
      return Array.isArray(value.entries)
        ? { ...value, entries: maskMapEntries(context, value.entries, childPath(path, 'entries'), rule) }
        : value;
    case 'set':
      return Array.isArray(value.values)
        ? { ...value, values: maskAll(context, value.values, childPath(path, 'values'), rule, true) }
        : value;
    case 'error':
      return typeof value.message === 'string'
        ? { ...value, message: context.maskKnown(value.message, childPath(path, 'message'), rule) }
        : value;
    default:
      return value;
  }
}

function maskMapEntries(context: RedactionContext, entries: EncodedValue[], path: string, rule: string) {
  return entries.map((entry, index) => {
    const entryPath = childPath(path, index);
    if (!Array.isArray(entry) || entry.length !== 2) return maskAll(context, entry, entryPath, rule, true);
    const [key = null, child = null] = entry;
    return [
      redactEncoded(context, key, childPath(entryPath, 0), true),
      maskAll(context, child, childPath(entryPath, 1), rule, true),
    ];
  });
}

function isObject(value: EncodedValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function looksLikeJson(text: string): boolean {
  const first = text.trimStart()[0];
  return (first === '{' || first === '[') && !text.startsWith('[redacted:');
}
