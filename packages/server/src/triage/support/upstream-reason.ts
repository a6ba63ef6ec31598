/**
 * Why an upstream said no, in its own words: the message and the machine code from its error body.
 * Covers the common shapes — Stripe-like `{error: {message, code}}`, OAuth `{error, error_description}`,
 * RFC 7807 `{title, detail}`, `{errors: [{message}]}`, plain `{message|reason|detail}`, the S3/AWS
 * XML `<Error><Code>…<Message>…`, an HTML error page's title, and short plain text.
 */
import type { HttpEvent } from '@flashback/protocol/types';
import { bodyText, isRecord, parseJson } from './body-text.js';

export interface UpstreamReason {
  /** The human-readable reason, as the upstream wrote it. */
  message?: string;
  /** The machine-readable code (`amount_too_small`, `token_expired`, `NoSuchKey`). */
  code?: string;
}

const MAX_REASON = 200;
const MESSAGE_KEYS = [
  'message',
  'error_description',
  'detail',
  'reason',
  'description',
  'title',
  'error_message',
];
const CODE_KEYS = ['code', 'error_code', 'errorCode'];
const cache = new WeakMap<HttpEvent, UpstreamReason>();
const TAGS = {
  Message: /<Message[^>]*>([^<]{1,400})<\/Message>/i,
  Code: /<Code[^>]*>([^<]{1,400})<\/Code>/i,
  title: /<title[^>]*>([^<]{1,400})<\/title>/i,
  h1: /<h1[^>]*>([^<]{1,400})<\/h1>/i,
};

/** The upstream's reason for its answer; empty when the body says nothing usable. Cached per event. */
export function upstreamReason(event: HttpEvent): UpstreamReason {
  let reason = cache.get(event);
  if (!reason) {
    reason = read(event);
    cache.set(event, reason);
  }
  return reason;
}

function read(event: HttpEvent): UpstreamReason {
  const text = bodyText(event.responseBody)?.trim();
  if (!text) return {};
  const json = parseJson(text);
  if (json !== undefined) return fromJson(json);
  if (text.startsWith('<'))
    return /<html|<!doctype/i.test(text.slice(0, 200)) ? fromHtml(text) : fromXml(text);
  const firstLine = text.split('\n', 1)[0] ?? '';
  return firstLine ? { message: clip(firstLine) } : {};
}

function fromJson(json: unknown): UpstreamReason {
  if (!isRecord(json)) return {};
  const out: UpstreamReason = {};
  const error = json.error;
  if (isRecord(error)) {
    assign(out, pick(error, MESSAGE_KEYS), pick(error, CODE_KEYS) ?? pick(error, ['type']));
  } else if (typeof error === 'string') {
    // OAuth 2 (RFC 6749 §5.2): `error` is the code, `error_description` the message.
    assign(out, pick(json, MESSAGE_KEYS), error);
  }
  const first = Array.isArray(json.errors) ? json.errors[0] : undefined;
  if (isRecord(first)) assign(out, pick(first, MESSAGE_KEYS), pick(first, CODE_KEYS));
  else if (typeof first === 'string') assign(out, first, undefined);
  assign(out, pick(json, MESSAGE_KEYS), pick(json, CODE_KEYS));
  return out;
}

function fromXml(text: string): UpstreamReason {
  const out: UpstreamReason = {};
  assign(out, tag(text, 'Message'), tag(text, 'Code'));
  return out;
}

function fromHtml(text: string): UpstreamReason {
  const out: UpstreamReason = {};
  assign(out, tag(text, 'title') ?? tag(text, 'h1'), undefined);
  return out;
}

function assign(out: UpstreamReason, message: string | undefined, code: string | undefined): void {
  if (message && !out.message) out.message = clip(message);
  if (code && !out.code) out.code = code;
}

function pick(record: Record<string, unknown>, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = record[key];
    if (typeof value === 'string' && value.trim()) return value.trim();
    if (typeof value === 'number') return String(value);
  }
  return undefined;
}

function tag(text: string, name: keyof typeof TAGS): string | undefined {
  return TAGS[name].exec(text)?.[1]?.trim() || undefined;
}

function clip(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > MAX_REASON ? `${line.slice(0, MAX_REASON - 1)}…` : line;
}
