/** Helpers for redaction tests: a fixed HMAC tokenizer and the token it gives a secret. */
import { redactPackage } from '../redaction/redact-package.js';
import { createRedactor } from '../redaction/redactor.js';
import { createHmacTokenizer } from '../redaction/token.js';
import type { RedactionConfig, Redactor } from '../redaction/types.js';
import type { ErrorPackage, TimelineEvent } from '../types.js';

export const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9.c2lnbmF0dXJlMTIz';

export const testTokenize = createHmacTokenizer('test-key');

/** The token the redactor is expected to write for `secret` under `testTokenize`. */
export function tokenOf(secret: string): string {
  return `[redacted:${testTokenize(secret).slice(0, 12)}]`;
}

export function newRedactor(config?: RedactionConfig): Redactor {
  return createRedactor(config, testTokenize);
}

export function redactWithTestKey(pkg: ErrorPackage, config?: RedactionConfig): ErrorPackage {
  return redactPackage(pkg, { tokenize: testTokenize, ...(config ? { config } : {}) });
}

/** The timeline event with sequence number `seq`, which must be of `type`. */
export function eventAt<T extends TimelineEvent['type']>(
  pkg: ErrorPackage,
  seq: number,
  type: T,
): Extract<TimelineEvent, { type: T }> {
  const found = pkg.timeline.find((e) => e.seq === seq);
  if (found?.type !== type) throw new Error(`no ${type} event with seq ${seq}`);
  return found as Extract<TimelineEvent, { type: T }>;
}
