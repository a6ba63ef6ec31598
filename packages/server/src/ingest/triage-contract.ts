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
  knownFingerprints: ReadonlySet<string>;
}

/** Pure tier 1 + 2 triage of one package, run inline at ingest. */
export type TriagePackage = (pkg: ErrorPackage, context: TriageContext) => TriageOutcome;
