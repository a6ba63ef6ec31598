/**
 * Captured values (the `$fb` encoding of @flashback/protocol/values) shown the way Node prints
 * values: real Maps, Sets, Dates and BigInts, and summaries such as `[Circular]` or a cut string's
 * length instead of their tags.
 */
import { inspect } from 'node:util';
import type { EncodedValue } from '@flashback/protocol';
import { decodeValue, isTagged } from '@flashback/protocol/values';

/** Printed as its text, without quotes. */
class Summary {
  constructor(private readonly text: string) {}
  [inspect.custom](): string {
    return this.text;
  }
}

export function formatCapturedValue(value: EncodedValue): string {
  return inspect(readable(value), {
    depth: 8,
    breakLength: 100,
    maxArrayLength: 200,
    maxStringLength: 10_000,
  });
}

function readable(value: EncodedValue): unknown {
  if (Array.isArray(value)) return value.map(readable);
  if (value === null || typeof value !== 'object') return value;
  if (!isTagged(value)) return entries(value);
  const field = (name: string) => String(value[name] ?? '');
  switch (value.$fb) {
    case 'object':
      return entries(value.v as { [key: string]: EncodedValue });
    case 'map':
      return new Map(
        (value.entries as EncodedValue[][]).map(([k, v]) => [readable(k ?? null), readable(v ?? null)]),
      );
    case 'set':
      return new Set((value.values as EncodedValue[]).map(readable));
    case 'string':
      return new Summary(`${inspect(field('v'))}… (${field('size')} characters)`);
    case 'circular':
      return new Summary('[Circular]');
    case 'function':
      return new Summary(`[Function ${field('name')}]`);
    case 'symbol':
      return new Summary(`Symbol(${field('description')})`);
    case 'depth':
      return new Summary(`[${field('type')}]`);
    case 'error':
      return new Summary(`[${field('name')}: ${field('message')}]`);
    case 'more':
      return new Summary(`… ${field('count')} more`);
    case 'bytes':
      return new Summary(`<${field('size')} bytes${value.truncated ? ', cut' : ''}>`);
    default:
      return decodeValue(value);
  }
}

function entries(value: { [key: string]: EncodedValue }): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = readable(v);
  return out;
}
