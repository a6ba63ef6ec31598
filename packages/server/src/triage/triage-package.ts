/**
 * The master's decision for one package: tier 1 when its fingerprint is a known issue (count it,
 * stop), tier 2 when a rule explains it from the captured data, tier 3 otherwise (reproduce it).
 * Pure: what the store knows comes in through `knownFingerprints`.
 */
import { fingerprint as computeFingerprint } from '@flashback/protocol/fingerprint';
import type { ErrorPackage } from '@flashback/protocol/types';
import { explainPackage } from './explain-package.js';
import type { FingerprintLookup, TriageResult, TriageRule } from './types.js';

export interface TriageOptions {
  /** Fingerprints of the issues the store already has. */
  knownFingerprints?: FingerprintLookup;
  /**
   * Compute the fingerprint here instead of using the one the SDK put in the package. Off by
   * default: the SDK computes it with the same protocol function, the package is the record (and,
   * as with Sentry, a client may choose its grouping), and hashing again would cost more than all
   * the rules. A package whose fingerprint is not of the protocol's form is always recomputed.
   */
  recomputeFingerprint?: boolean;
  /** Matches below this confidence do not explain a package (default 0.5). */
  minConfidence?: number;
  /** The rules to run (default: all built-in rules). */
  rules?: readonly TriageRule[];
}

const DEFAULT_MIN_CONFIDENCE = 0.5;
// What `fingerprint()` of @flashback/protocol produces: 32 lower-case hex characters.
const FINGERPRINT = /^[0-9a-f]{32}$/;

/**
 * Triages one package into tier 1, 2 or 3.
 *
 * @example
 * const known = new Set(await store.fingerprints());
 * const result = triagePackage(pkg, { knownFingerprints: known });
 * if (result.tier === 3) queue.reproduce(pkg);
 */
export function triagePackage(pkg: ErrorPackage, options: TriageOptions = {}): TriageResult {
  const fingerprint =
    !options.recomputeFingerprint && FINGERPRINT.test(pkg.fingerprint)
      ? pkg.fingerprint
      : computeFingerprint(pkg);
  if (options.knownFingerprints?.has(fingerprint)) {
    return {
      tier: 1,
      reason: `Known issue: fingerprint ${fingerprint} was seen before`,
      matches: [],
      fingerprint,
    };
  }
  const { cause, matches } = explainPackage(pkg, options.rules);
  const minConfidence = options.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  const explaining = matches.filter((match) => match.confidence >= minConfidence);
  const best = explaining[0];
  if (cause && best) {
    return {
      tier: 2,
      reason: `Rule ${best.rule} explains it: ${cause.summary}`,
      cause,
      matches: explaining,
      fingerprint,
    };
  }
  return { tier: 3, reason: 'No rule explains it: reproduce', matches: [], fingerprint };
}
