/**
 * Compares the body of a replayed request with the recorded one by shape: JSON by structure and
 * non-volatile values, form bodies by their keys, other text exactly (up to volatile values and
 * redactions), binary bodies by length. Pure.
 */
import type { Body } from '@flashback/protocol/types';
import { jsonDifference } from './json-shape.js';
import { isRedacted, normalizeVolatile, sameText } from './volatile-text.js';

/** The body of a replayed request, with its own content type. */
export interface ActualBody {
  bytes: Uint8Array;
  contentType: string | undefined;
}

/** Characters dropped from the end of a cut-off recorded body: a volatile value may be cut in two. */
const CUT_SLACK = 64;

/**
 * Why the replayed body does not match the recorded one, or `undefined` when it does. A request
 * recorded without a body (none sent, or none captured) accepts any body.
 */
export function bodyDifference(
  recorded: Body | undefined,
  recordedContentType: string | undefined,
  actual: ActualBody,
): string | undefined {
  if (recorded === undefined) return undefined;
  if (recorded.encoding === 'base64') {
    const size = actual.bytes.byteLength;
    if (recorded.truncated ? size >= recorded.size : size === recorded.size) return undefined;
    return `body: recorded ${recorded.size} bytes, got ${size}`;
  }
  if (isRedacted(recorded.data)) return undefined;
  const text = Buffer.from(actual.bytes.buffer, actual.bytes.byteOffset, actual.bytes.byteLength).toString();
  if (recorded.truncated) return cutTextDifference(recorded.data, text);
  const type = mediaType(recorded.contentType ?? recordedContentType);
  if (type.endsWith('json') || (type === '' && looksLikeJson(recorded.data))) {
    return jsonBodyDifference(recorded.data, text);
  }
  if (type === 'application/x-www-form-urlencoded') return formDifference(recorded.data, text);
  if (type.startsWith('multipart/')) {
    return textDifference(
      withoutBoundary(recorded.data, recorded.contentType ?? recordedContentType),
      withoutBoundary(text, actual.contentType),
    );
  }
  return textDifference(recorded.data, text);
}

function jsonBodyDifference(recorded: string, actual: string): string | undefined {
  let expected: unknown;
  try {
    expected = JSON.parse(recorded);
  } catch {
    return textDifference(recorded, actual);
  }
  let got: unknown;
  try {
    got = JSON.parse(actual);
  } catch {
    return `body: recorded JSON, got ${actual === '' ? 'no body' : 'a body that is not JSON'}`;
  }
  const difference = jsonDifference(expected, got);
  return difference === undefined ? undefined : `body ${difference}`;
}

function formDifference(recorded: string, actual: string): string | undefined {
  const expected = formKeys(recorded);
  const got = formKeys(actual);
  if (expected.join('&') === got.join('&')) return undefined;
  return `body: recorded form fields ${expected.join(', ') || '(none)'}, got ${got.join(', ') || '(none)'}`;
}

function formKeys(text: string): string[] {
  return [...new URLSearchParams(text).keys()].sort();
}

function textDifference(recorded: string, actual: string): string | undefined {
  if (sameText(recorded, actual)) return undefined;
  return `body: recorded ${describeText(recorded)}, got ${describeText(actual)}`;
}

/** Only a prefix was recorded: the replayed body must start the same way. */
function cutTextDifference(recorded: string, actual: string): string | undefined {
  const prefix = normalizeVolatile(recorded.slice(0, Math.max(0, recorded.length - CUT_SLACK)));
  if (normalizeVolatile(actual).startsWith(prefix)) return undefined;
  return `body: does not start like the recorded (cut-off) body ${describeText(recorded)}`;
}

function describeText(text: string): string {
  if (text === '') return 'no body';
  const head = JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}...` : text);
  return `${head} (${Buffer.byteLength(text)} bytes)`;
}

function looksLikeJson(text: string): boolean {
  return /^\s*[[{]/.test(text);
}

function mediaType(contentType: string | undefined): string {
  return (contentType?.split(';', 1)[0] ?? '').trim().toLowerCase();
}

/** Multipart boundaries are random per request. */
function withoutBoundary(text: string, contentType: string | undefined): string {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType ?? '')?.[1];
  return boundary ? text.split(boundary).join('<boundary>') : text;
}
