import { createHmacSha256, toHex } from '../sha256.js';
import type { Tokenizer } from './types.js';

const TOKEN_HEX_CHARS = 12;

/** Matches the tokens the redactor writes, so that redacting twice changes nothing. */
export const TOKEN_PATTERN = /\[redacted:[0-9a-f]{12}\]/g;

/** Whether `text` is exactly one redaction token. */
export function isRedactionToken(text: string): boolean {
  return /^\[redacted:[0-9a-f]{12}\]$/.test(text);
}

/** Formats the token standing in for a secret, from the tokenizer's digest of it. */
export function formatToken(digest: string): string {
  const hex = digest.slice(0, TOKEN_HEX_CHARS).toLowerCase();
  if (!/^[0-9a-f]{12}$/.test(hex)) {
    throw new TypeError(`tokenize must return a hex digest of at least ${TOKEN_HEX_CHARS} characters`);
  }
  return `[redacted:${hex}]`;
}

/**
 * A tokenizer computing HMAC-SHA256 under `key` without `node:crypto`, for browsers and tests.
 * Services should keep `key` private: anyone holding it can confirm a guessed secret.
 */
export function createHmacTokenizer(key: string): Tokenizer {
  const hmac = createHmacSha256(key);
  return (secret) => toHex(hmac(secret));
}
