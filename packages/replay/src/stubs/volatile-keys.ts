/**
 * Names (JSON keys, query parameters) whose values are volatile: generated afresh on every run,
 * so a replay sends different values and still makes the same call. Pure.
 */

/** Last words that make a name volatile: `created_at` … `timestamp`, `nonce`, `signature`. */
const VOLATILE_LAST_WORDS = new Set([
  'date',
  'datetime',
  'time',
  'timestamp',
  'ts',
  'nonce',
  'signature',
  'sig',
  'checksum',
  'md5',
  'sha1',
  'sha256',
  'crc32',
  'crc32c',
  'uuid',
  'guid',
]);

/** Two-word endings: `x-request-id`, `traceId`, `Idempotency-Key`, `correlation_id`. */
const VOLATILE_PAIRS = new Set([
  'request id',
  'trace id',
  'span id',
  'correlation id',
  'idempotency key',
  'invocation id',
  'security token',
]);

/**
 * Whether the value under this name is volatile.
 *
 * @example
 * isVolatileKey('createdAt'); // true
 * isVolatileKey('X-Amz-Signature'); // true
 * isVolatileKey('amount'); // false
 */
export function isVolatileKey(name: string): boolean {
  const words = splitWords(name);
  const last = words[words.length - 1];
  if (last === undefined) return false;
  // SigV4 query parameters of presigned URLs: X-Amz-Date, X-Amz-Credential, X-Amz-Signature, ...
  if (words[0] === 'x' && words[1] === 'amz') return true;
  if (VOLATILE_LAST_WORDS.has(last)) return true;
  if (last === 'at' && words.length > 1) return true;
  const pair = words.slice(-2).join(' ');
  return VOLATILE_PAIRS.has(pair);
}

/** `X-Request-Id`, `x_request_id`, `xRequestID` → `['x', 'request', 'id']`. */
function splitWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '')
    .map((word) => word.toLowerCase());
}
