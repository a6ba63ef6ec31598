import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A new random secret: 32 bytes as hex after a readable prefix (`fbk_` ingest keys, `fbt_` read
 * tokens). Hex keeps it safe in the user part of a DSN without escaping.
 */
export function generateSecret(prefix: 'fbk' | 'fbt'): string {
  return `${prefix}_${randomBytes(32).toString('hex')}`;
}

/**
 * Secrets are stored hashed. They carry 256 random bits, so a plain SHA-256 is enough: there is
 * nothing to brute-force that a slow hash would protect, and ingest checks a key on every request.
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Compares two hex hashes in constant time. */
export function hashesEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}
