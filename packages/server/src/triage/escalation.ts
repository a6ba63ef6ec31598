/**
 * Tier 4 is not decided by triage but by the orchestrator, after a tier-3 reproduction: it failed,
 * errored, or could not run (no app spec for the service), or the failure depends on things the
 * timeline cannot hold. These are the types it records, and the one way to build one.
 */
import type { TriageResult } from './types.js';

/** Why a package was escalated to a developer. */
export type EscalationReason =
  | 'reproduction-failed'
  | 'reproduction-errored'
  | 'no-app-spec'
  | 'outside-timeline';

/** A tier-3 result the orchestrator escalated. */
export interface EscalatedTriage {
  tier: 4;
  /** One line: why it was escalated, for the issue page and the webhook. */
  reason: string;
  escalation: EscalationReason;
  fingerprint: string;
}

/** Any final triage state an issue can show. */
export type TriageOutcome = TriageResult | EscalatedTriage;

const HEADLINES: Record<EscalationReason, string> = {
  'reproduction-failed': 'Reproduction did not fail the same way',
  'reproduction-errored': 'Reproduction could not be run to a verdict',
  'no-app-spec': 'No app spec is registered for this service, so it cannot be reproduced',
  'outside-timeline': 'The failure depends on things outside the timeline',
};

/**
 * Escalates a tier-3 result to tier 4.
 *
 * @example
 * escalate(result, 'no-app-spec', 'service checkout has no `flashback services add` entry');
 * // { tier: 4, escalation: 'no-app-spec', reason: 'No app spec is registered …: service checkout …' }
 */
export function escalate(
  result: Pick<TriageResult, 'fingerprint'>,
  escalation: EscalationReason,
  detail?: string,
): EscalatedTriage {
  const headline = HEADLINES[escalation];
  return {
    tier: 4,
    reason: detail ? `${headline}: ${detail}` : headline,
    escalation,
    fingerprint: result.fingerprint,
  };
}
