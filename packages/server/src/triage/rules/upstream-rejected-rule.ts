/**
 * `upstream-rejected`: an upstream refused the request with a 4xx (other than 401/403, which are
 * `upstream-auth`) and the error followed from it. The summary quotes the upstream's own reason,
 * because that reason is usually the whole diagnosis: "The payment gateway rejected the charge of
 * $0.00: "Charge amount must be at least $0.50" (HTTP 400 amount_too_small)".
 */
import type { HttpEvent } from '@flashback/protocol/types';
import { capitalize, dependencyName, requestName } from '../support/call-label.js';
import { roundConfidence } from '../support/error-link.js';
import { findLinkedFailure } from '../support/linked-failure.js';
import { contextOf, type IoEvent } from '../support/package-context.js';
import { upstreamReason } from '../support/upstream-reason.js';
import type { Cause, TriageRule } from '../types.js';

const WITH_REASON = 0.92;
// Without a reason in the body the 4xx is still the likely cause, but the summary can say less.
const WITHOUT_REASON = 0.8;

/** Explains a failure by an upstream's 4xx refusal, quoting its reason. */
export const upstreamRejectedRule: TriageRule = {
  id: 'upstream-rejected',
  explain(pkg) {
    const ctx = contextOf(pkg);
    const found = findLinkedFailure(ctx, isRejection, WITH_REASON, (e) => {
      const reason = upstreamReason(e);
      return [reason.code, reason.message];
    });
    if (!found) return undefined;
    const { event, evidence } = found;
    const { message, code } = upstreamReason(event);
    const status = `HTTP ${event.status}${code ? ` ${code}` : message ? '' : statusText(event)}`;
    const cause: Cause = {
      kind: 'upstream-rejected',
      summary: `${capitalize(dependencyName(event))} rejected ${requestName(event)}${message ? `: "${message}"` : ''} (${status})`,
      evidence,
      confidence: message
        ? found.confidence
        : roundConfidence(found.confidence - (WITH_REASON - WITHOUT_REASON)),
    };
    return cause;
  },
};

function isRejection(event: IoEvent): event is HttpEvent {
  const status = event.type === 'http' ? event.status : undefined;
  return status !== undefined && status >= 400 && status < 500 && status !== 401 && status !== 403;
}

function statusText(event: HttpEvent): string {
  return event.statusText ? ` ${event.statusText}` : '';
}
