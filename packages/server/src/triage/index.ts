/** Triage, the master's rules: fingerprint dedup (tier 1), causes from the captured data (tier 2). */
export { type EscalatedTriage, type EscalationReason, escalate, type TriageOutcome } from './escalation.js';
export { type Explanation, explainPackage } from './explain-package.js';
export {
  dependency5xxRule,
  dependencyConnectionErrorRule,
  dependencyTimeoutRule,
  malformedInputRule,
  missingObjectRule,
  missingRowDereferenceRule,
  TRIAGE_RULES,
  upstreamAuthRule,
  upstreamRejectedRule,
} from './rules/index.js';
export { type TriageOptions, triagePackage } from './triage-package.js';
export type {
  Cause,
  CauseKind,
  FingerprintLookup,
  RuleMatch,
  TriageResult,
  TriageRule,
  TriageTier,
} from './types.js';
