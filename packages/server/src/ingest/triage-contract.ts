import type { ErrorPackage } from '@flashback/protocol';

/** Tiers as DESIGN.md numbers them: 1 dedup, 2 cause from the timeline, 3 reproduce, 4 escalate. */
export type Tier = 1 | 2 | 3 | 4;

/** What inline triage says about one package; `cause` is stored as JSON, whatever its shape. */
export interface TriageOutcome {
  tier: Tier;
  reason: string;
  cause?: unknown;
  fingerprint: string;
}

export interface TriageContext {
  /** Fingerprints of the project's existing issues (at least those that matter for this package). */
  knownFingerprints: { has(fingerprint: string): boolean };
}

/** Pure tier 1 + 2 triage of one package, run inline at ingest. */
export type TriagePackage = (pkg: ErrorPackage, context: TriageContext) => TriageOutcome;

/**
 * A package triaged both ways: as the first of a new issue and as one more of a known issue.
 * Which one holds is only certain inside the storing transaction, when the issue upsert says
 * whether the issue existed; having both lets the transaction pick without a cache of known
 * fingerprints that could be stale. `ifNew` runs the tier-2 rules, so it is computed on first
 * read: only the first package of each issue in a transaction needs it.
 */
export interface TriagePair {
  readonly ifKnown: TriageOutcome;
  readonly ifNew: TriageOutcome;
}

/**
 * Triage only asks whether the package's own fingerprint is known, so the two outcomes are
 * triage with everything known and triage with nothing known.
 */
export function triageBothWays(triage: TriagePackage, pkg: ErrorPackage): TriagePair {
  const ifKnown = triage(pkg, { knownFingerprints: EVERYTHING_KNOWN });
  let ifNew: TriageOutcome | undefined;
  return {
    ifKnown,
    get ifNew() {
      ifNew ??= triage(pkg, { knownFingerprints: NOTHING_KNOWN });
      return ifNew;
    },
  };
}

/** Both outcomes as plain values, e.g. to send to another thread. */
export function settledPair(pair: TriagePair): TriagePair {
  return { ifKnown: pair.ifKnown, ifNew: pair.ifNew };
}

const EVERYTHING_KNOWN = { has: () => true };
const NOTHING_KNOWN = { has: () => false };
