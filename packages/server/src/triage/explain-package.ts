/**
 * Tier 2: runs the rules over a package and ranks what they say. The best match is the most
 * confident one; among equals, the earlier (more specific) rule.
 */
import type { ErrorPackage } from '@flashback/protocol/types';
import { TRIAGE_RULES } from './rules/index.js';
import type { Cause, RuleMatch, TriageRule } from './types.js';

export interface Explanation {
  /** The winning cause, when any rule matched. */
  cause?: Cause;
  /** Every match, best first. */
  matches: RuleMatch[];
  /** Ids of rules that threw on this package (a bug in the rule; the package falls through to them not matching). */
  failedRules: string[];
}

/**
 * Explains a package from its captured data alone.
 *
 * @example
 * const { cause } = explainPackage(pkg);
 * cause?.summary; // 'The payment gateway rejected the charge of $0.00: "…" (HTTP 400 amount_too_small)'
 */
export function explainPackage(pkg: ErrorPackage, rules: readonly TriageRule[] = TRIAGE_RULES): Explanation {
  const matches: RuleMatch[] = [];
  const failedRules: string[] = [];
  for (const rule of rules) {
    try {
      const cause = rule.explain(pkg);
      if (cause) matches.push({ rule: rule.id, ...cause });
    } catch {
      // One rule tripping over an odd package must not cost the package its triage: the others
      // still speak, and with none of them the package goes on to reproduction, which is safe.
      failedRules.push(rule.id);
    }
  }
  // Array.prototype.sort is stable, so equal confidences keep the rules' order of specificity.
  matches.sort((a, b) => b.confidence - a.confidence);
  const best = matches[0];
  if (!best) return { matches, failedRules };
  const { rule: _rule, ...cause } = best;
  return { cause, matches, failedRules };
}
