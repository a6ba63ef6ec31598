/**
 * Text comparison that volatile values cannot break: ids and timestamps the app generates afresh
 * on every run, and secrets the recording replaced with redaction tokens. Pure.
 */

/**
 * The token the redactor writes in place of a secret (`[redacted:<12 hex>]`, see
 * `@flashback/protocol` redaction/token.ts); the recorded value behind it is unknown, so it
 * matches anything.
 */
const TOKEN = /\[redacted:[0-9a-f]{12}\]/;
const TOKENS = /\[redacted:[0-9a-f]{12}\]/g;

const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';

/** Values that differ between the recorded run and the replay although nothing else does. */
const VOLATILE_PATTERNS: readonly [RegExp, string][] = [
  // Hex-guarded rather than \b: `ord_6af2a9cd-…` has a word character right before the uuid.
  [/(?<![0-9a-f])[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![0-9a-f])/gi, '<uuid>'],
  [/\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?/g, '<time>'],
  // SigV4 x-amz-date, also inside credential scopes.
  [/(?<!\d)\d{8}T\d{6}Z/g, '<time>'],
  [
    new RegExp(`(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{2} ${MONTH} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT`, 'g'),
    '<time>',
  ],
  // Epoch milliseconds between 2001 and 2033.
  [/(?<!\d)1\d{12}(?!\d)/g, '<epoch>'],
];

/** Replaces uuids, timestamps and epoch milliseconds with placeholders. */
export function normalizeVolatile(text: string): string {
  let out = text;
  for (const [pattern, placeholder] of VOLATILE_PATTERNS) out = out.replace(pattern, placeholder);
  return out;
}

/** Whether the recorded text holds a redaction token anywhere. */
export function hasRedaction(text: string): boolean {
  return TOKEN.test(text);
}

/** Whether the recorded text is nothing but one redaction token. */
export function isRedacted(text: string): boolean {
  return text.replace(TOKENS, '') === '' && hasRedaction(text);
}

const patternCache = new Map<string, RegExp>();

/**
 * Whether `actual` is the same text as `recorded` up to volatile values; each redaction token in
 * `recorded` matches any text (also none) in that position.
 *
 * @example
 * sameText('Bearer [redacted:6b7f6bdb3536]', 'Bearer sk_live_other'); // true
 * sameText('Order ord_6af2a9cd-afa9-4888-8562-02ff5d5f1a69', 'Order ord_0b5…'); // true for any uuid
 */
export function sameText(recorded: string, actual: string): boolean {
  if (recorded === actual) return true;
  if (!hasRedaction(recorded)) return normalizeVolatile(recorded) === normalizeVolatile(actual);
  return wildcardPattern(recorded).test(normalizeVolatile(actual));
}

function wildcardPattern(recorded: string): RegExp {
  let pattern = patternCache.get(recorded);
  if (!pattern) {
    const parts = recorded.split(TOKENS).map((part) => escapeRegExp(normalizeVolatile(part)));
    pattern = new RegExp(`^${parts.join('[\\s\\S]*?')}$`);
    // Bounded: a replay sees a handful of distinct recorded values.
    if (patternCache.size < 1024) patternCache.set(recorded, pattern);
  }
  return pattern;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
