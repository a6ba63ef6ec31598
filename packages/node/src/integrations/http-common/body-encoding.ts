import { isUtf8 } from 'node:buffer';
import type { Body } from '@flashback/protocol/types';

/** Media types whose bodies are text even though they are not `text/*`. */
const TEXT_SUBTYPES = new Set([
  'json',
  'xml',
  'javascript',
  'ecmascript',
  'x-www-form-urlencoded',
  'graphql',
  'x-ndjson',
  'ndjson',
  'yaml',
  'x-yaml',
  'csv',
  'sql',
]);

/** A service sees a handful of content types; classifying each once keeps the hot path cheap. */
const classified = new Map<string, boolean | undefined>();

/**
 * Whether a content type announces text. `undefined` means it says nothing usable (absent or
 * malformed): the bytes then decide (valid UTF-8 is kept as text).
 */
export function isTextContentType(contentType: string | undefined): boolean | undefined {
  if (!contentType) return undefined;
  if (classified.has(contentType)) return classified.get(contentType);
  const result = classify(contentType);
  if (classified.size < 256) classified.set(contentType, result);
  return result;
}

function classify(contentType: string): boolean | undefined {
  const essence = (contentType.split(';', 1)[0] ?? '').trim().toLowerCase();
  if (essence.startsWith('text/')) return true;
  const slash = essence.indexOf('/');
  if (slash < 0) return undefined;
  const subtype = essence.slice(slash + 1);
  if (TEXT_SUBTYPES.has(subtype)) return true;
  // Structured syntax suffixes: application/problem+json, application/soap+xml, ...
  const plus = subtype.lastIndexOf('+');
  return plus >= 0 && TEXT_SUBTYPES.has(subtype.slice(plus + 1));
}

/**
 * Encodes the kept bytes of a body for the package: UTF-8 text when the content type says text (or
 * says nothing) and the bytes are valid UTF-8, base64 otherwise, so binary payloads survive intact.
 *
 * @param bytes the kept prefix of the body
 * @param size the size of the whole body in bytes
 * @param truncated whether `bytes` is only a prefix; a multi-byte character cut at the end is then
 *   dropped rather than making the text look like binary
 */
export function encodeBody(bytes: Uint8Array, size: number, truncated: boolean, contentType?: string): Body {
  const body: Body = { encoding: 'base64', data: '', size, truncated };
  if (contentType) body.contentType = contentType;
  if (isTextContentType(contentType) !== false) {
    const text = decodeUtf8(bytes, truncated);
    if (text !== undefined) {
      body.encoding = 'utf8';
      body.data = text;
      return body;
    }
  }
  body.data = toBuffer(bytes).toString('base64');
  return body;
}

function decodeUtf8(bytes: Uint8Array, truncated: boolean): string | undefined {
  const whole = truncated ? bytes.subarray(0, completeUtf8Length(bytes)) : bytes;
  return isUtf8(whole) ? toBuffer(whole).toString('utf8') : undefined;
}

/** The length of `bytes` without a multi-byte character cut off at its end. */
function completeUtf8Length(bytes: Uint8Array): number {
  let lead = bytes.length - 1;
  // Step back over up to three continuation bytes (10xxxxxx) to the last character's lead byte.
  while (lead >= 0 && bytes.length - lead <= 3 && ((bytes[lead] ?? 0) & 0xc0) === 0x80) lead--;
  if (lead < 0) return bytes.length;
  const first = bytes[lead] ?? 0;
  const needed = first >= 0xf0 ? 4 : first >= 0xe0 ? 3 : first >= 0xc0 ? 2 : 1;
  return bytes.length - lead >= needed ? bytes.length : lead;
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
