/**
 * Reads a captured value (the `$fb`-tagged JSON of `packages/protocol/src/values.ts`) into a tree
 * the UI can draw: what JSON could not hold comes back as a labelled special value, and strings
 * carrying redaction tokens (`[redacted:<12 hex>]`) are split so the masked parts show as such.
 */
import type { EncodedValue } from '@flashback/protocol/types';

export type StringPart = { text: string; redacted: false } | { token: string; redacted: true };

export type ValueNode =
  | { kind: 'null' }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'number'; text: string }
  | { kind: 'string'; parts: StringPart[]; cutFrom?: number }
  /** undefined, NaN, 12n, a date, a function, a circular reference, ... */
  | { kind: 'special'; text: string; title?: string }
  | { kind: 'list'; label: string; items: ValueNode[]; more: number }
  | { kind: 'record'; label: string; entries: [string, ValueNode][] };

const TOKEN = /\[redacted:[0-9a-f]{12}\]/g;

export function readValue(value: EncodedValue | undefined): ValueNode {
  if (value === undefined) return { kind: 'special', text: 'undefined' };
  if (value === null) return { kind: 'null' };
  if (typeof value === 'boolean') return { kind: 'boolean', value };
  if (typeof value === 'number') return { kind: 'number', text: String(value) };
  if (typeof value === 'string') return { kind: 'string', parts: splitRedactions(value) };
  if (Array.isArray(value)) return readList('Array', value);
  if (typeof value.$fb === 'string') return readTagged(value.$fb, value);
  return readRecord('', value);
}

function readList(label: string, values: EncodedValue[]): ValueNode {
  const items: ValueNode[] = [];
  let more = 0;
  for (const item of values) {
    if (isTag(item, 'more')) more += Number(item.count) || 0;
    else items.push(readValue(item));
  }
  return { kind: 'list', label, items, more };
}

function readRecord(label: string, value: { [key: string]: EncodedValue }): ValueNode {
  return { kind: 'record', label, entries: Object.entries(value).map(([k, v]) => [k, readValue(v)]) };
}

function readTagged(tag: string, value: { [key: string]: EncodedValue }): ValueNode {
  switch (tag) {
    case 'undefined':
      return { kind: 'special', text: 'undefined' };
    case 'number':
      return { kind: 'number', text: String(value.v) };
    case 'bigint':
      return { kind: 'number', text: `${String(value.v)}n` };
    case 'date':
      return {
        kind: 'special',
        text: value.iso === null ? 'Invalid Date' : String(value.iso),
        title: 'Date',
      };
    case 'string':
      return { kind: 'string', parts: splitRedactions(String(value.v)), cutFrom: Number(value.size) };
    case 'bytes':
      return {
        kind: 'special',
        text: `<${Number(value.size)} bytes${value.truncated ? ', cut' : ''}>`,
        title: String(value.base64 ?? ''),
      };
    case 'circular':
      return { kind: 'special', text: '[Circular]' };
    case 'function':
      return { kind: 'special', text: `ƒ ${String(value.name)}()` };
    case 'symbol':
      return { kind: 'special', text: `Symbol(${String(value.description)})` };
    case 'depth':
      return { kind: 'special', text: `[${String(value.type)}]`, title: 'Deeper than the capture depth' };
    case 'error':
      return { kind: 'special', text: `${String(value.name)}: ${String(value.message)}` };
    case 'map': {
      const entries = Array.isArray(value.entries) ? value.entries : [];
      return {
        kind: 'record',
        label: 'Map',
        entries: entries.map((entry) => {
          const [k, v] = Array.isArray(entry) ? entry : [];
          return [typeof k === 'string' ? k : JSON.stringify(k ?? null), readValue(v)];
        }),
      };
    }
    case 'set':
      return readList('Set', Array.isArray(value.values) ? value.values : []);
    case 'object':
      return readRecord('', isRecord(value.v) ? value.v : {});
    default:
      return { kind: 'special', text: `[${tag}]` };
  }
}

/** Splits text around its redaction tokens. */
export function splitRedactions(text: string): StringPart[] {
  const parts: StringPart[] = [];
  let at = 0;
  for (const match of text.matchAll(TOKEN)) {
    if (match.index > at) parts.push({ text: text.slice(at, match.index), redacted: false });
    parts.push({ token: match[0], redacted: true });
    at = match.index + match[0].length;
  }
  if (at < text.length || parts.length === 0) parts.push({ text: text.slice(at), redacted: false });
  return parts;
}

function isTag(value: EncodedValue, tag: string): value is { [key: string]: EncodedValue } {
  return isRecord(value) && value.$fb === tag;
}

function isRecord(value: EncodedValue | undefined): value is { [key: string]: EncodedValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True when the node holds nested values worth folding. */
export function isComposite(node: ValueNode): node is Extract<ValueNode, { kind: 'list' | 'record' }> {
  return node.kind === 'list' || node.kind === 'record';
}
