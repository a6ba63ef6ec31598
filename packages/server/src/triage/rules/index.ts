/**
 * The tier-2 rules, most specific first. The order breaks ties between equally confident matches:
 * "S3 has no such object" says more than "S3 answered 404", and "expired credentials" more than
 * "the upstream answered 4xx".
 */
import type { TriageRule } from '../types.js';
import { dependency5xxRule } from './dependency-5xx-rule.js';
import { dependencyConnectionErrorRule } from './dependency-connection-error-rule.js';
import { dependencyTimeoutRule } from './dependency-timeout-rule.js';
import { malformedInputRule } from './malformed-input-rule.js';
import { missingObjectRule } from './missing-object-rule.js';
import { missingRowDereferenceRule } from './missing-row-dereference-rule.js';
import { upstreamAuthRule } from './upstream-auth-rule.js';
import { upstreamRejectedRule } from './upstream-rejected-rule.js';

/** Every built-in rule, in order of specificity. */
export const TRIAGE_RULES: readonly TriageRule[] = [
  missingObjectRule,
  upstreamAuthRule,
  upstreamRejectedRule,
  missingRowDereferenceRule,
  malformedInputRule,
  dependencyTimeoutRule,
  dependencyConnectionErrorRule,
  dependency5xxRule,
];

export {
  dependency5xxRule,
  dependencyConnectionErrorRule,
  dependencyTimeoutRule,
  malformedInputRule,
  missingObjectRule,
  missingRowDereferenceRule,
  upstreamAuthRule,
  upstreamRejectedRule,
};
