import type { Body, EncodedValue, Redaction } from '../types.js';

/**
 * Turns a secret into a hex digest, e.g. a keyed HMAC whose key never leaves the service. The same
 * secret must always give the same digest, so that equal secrets get equal tokens.
 */
export type Tokenizer = (secret: string) => string;

/** Additions to the default rules; every list is optional, so this can come straight from JSON. */
export interface RedactionConfig {
  /** More key names to mask, matched case-insensitively as substrings of normalised names. */
  extraKeys?: string[];
  /** More header names whose values are masked whole. */
  extraHeaders?: string[];
  /** More value patterns, as regular expression sources; a named group `secret` masks only that part. */
  extraPatterns?: { name: string; pattern: string; flags?: string }[];
  /** Key names (compared normalised) that key rules never mask; value patterns still apply. */
  allowKeys?: string[];
}

export type Headers = Record<string, string | string[]>;

/**
 * Applies the redaction rules to pieces of captured data. Every masked value is recorded in
 * `redactions` by path and rule, never by value.
 */
export interface Redactor {
  /** Masks an encoded value: key rules on the object keys inside it, value patterns on its strings. */
  redactValue(value: EncodedValue, path: string): EncodedValue;
  /** Masks header values by header name, key rules and value patterns. */
  redactHeaders(headers: Headers, path: string): Headers;
  /** Masks what the value patterns find in free text. */
  redactText(text: string, path: string): string;
  /** Masks query and fragment parameters by name, and value patterns anywhere in the URL. */
  redactUrl(url: string, path: string): string;
  /** Masks a text body according to its content type; base64 bodies are returned unchanged. */
  redactBody(body: Body, path: string, contentType?: string): Body;
  /** Everything masked so far, in order. */
  readonly redactions: Redaction[];
}
