/**
 * The vocabulary of triage: what a tier-2 rule says about a package (a {@link Cause}), the shape of
 * a rule, and what {@link triagePackage} decides.
 */
import type { ErrorPackage } from '@flashback/protocol/types';

/** The causes tier 2 can name from the captured data alone. */
export type CauseKind =
  | 'dependency-timeout'
  | 'dependency-connection-error'
  | 'dependency-5xx'
  | 'missing-row-dereference'
  | 'upstream-auth'
  | 'malformed-input'
  | 'upstream-rejected'
  | 'missing-object';

/** An explanation of a failure drawn from the package. */
export interface Cause {
  kind: CauseKind;
  /** One line a person reads at 3 a.m.: what went wrong, quoting the upstream where it said why. */
  summary: string;
  /**
   * `seq` of the timeline events that show the cause, in timeline order. Empty when the evidence is
   * the trigger itself (malformed input).
   */
  evidence: number[];
  /** How sure the rule is, 0..1: higher when the event is both the last IO and named by the error. */
  confidence: number;
}

/** A cause together with the rule that found it. */
export interface RuleMatch extends Cause {
  rule: string;
}

/** One tier-2 rule: pure, fast, and silent (undefined) when it does not apply. */
export interface TriageRule {
  /** Stable id, kebab-case; usually the kind of cause it produces. */
  id: string;
  explain(pkg: ErrorPackage): Cause | undefined;
}

/** The tiers triage itself decides; tier 4 is decided by the orchestrator (see `escalation.ts`). */
export type TriageTier = 1 | 2 | 3;

/** What {@link triagePackage} decides for one package. */
export interface TriageResult {
  tier: TriageTier;
  /** Why this tier, in one line. */
  reason: string;
  /** The winning cause (tier 2 only). */
  cause?: Cause;
  /** Every rule that matched, best first (empty at tiers 1 and 3). */
  matches: RuleMatch[];
  /** The fingerprint issues are grouped by. */
  fingerprint: string;
}

/** Anything that can answer "is this fingerprint a known issue": a `Set`, a `Map`, a store adapter. */
export interface FingerprintLookup {
  has(fingerprint: string): boolean;
}
