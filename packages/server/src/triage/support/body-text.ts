/**
 * Reading captured bodies. Rules only ever need text: binary bodies (base64) are of no use to them,
 * and decoding them would cost time on the hot path, so they read as absent.
 */
import type { Body } from '@flashback/protocol/types';

/** The body as text, or undefined when there is none or it is binary. */
export function bodyText(body: Body | undefined): string | undefined {
  return body?.encoding === 'utf8' ? body.data : undefined;
}

/**
 * The body parsed as JSON (or as a form, for `application/x-www-form-urlencoded`), or undefined
 * when it is neither. A truncated body is parsed too: it fails as JSON, which is the honest answer.
 */
export function parseBody(body: Body | undefined): unknown {
  const text = bodyText(body);
  if (text === undefined) return undefined;
  const type = body?.contentType ?? '';
  if (type.includes('x-www-form-urlencoded')) return parseForm(text);
  return parseJson(text);
}

/** JSON.parse that answers undefined instead of throwing, and does not try on text that cannot be JSON. */
export function parseJson(text: string): unknown {
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Whether the body claims to be JSON (by content type, or by its first character when untyped). */
export function looksLikeJson(body: Body | undefined): boolean {
  const text = bodyText(body);
  if (text === undefined) return false;
  if (body?.contentType) return /\bjson\b/i.test(body.contentType);
  const first = text.trimStart()[0];
  return first === '{' || first === '[';
}

/** A form body or query string as a plain object (repeated keys become arrays). */
export function parseForm(text: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const previous = out[key];
    if (previous === undefined) out[key] = value;
    else out[key] = Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  return out;
}

/** A value's JSON-ish type name as a reader expects it: array, object, string, number, null, ... */
export function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** Narrows to a plain object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
