/**
 * `dependency-5xx`: an upstream answered with a server error (5xx) and the error followed from it —
 * typically the code then parsed the upstream's HTML error page as JSON, or threw on the status. A
 * 5xx the app retried past (a later success on the same endpoint) is not a cause.
 */
import type { HttpEvent } from '@flashback/protocol/types';
import { bodyText } from '../support/body-text.js';
import { capitalize, dependencyName, operationName } from '../support/call-label.js';
import { findLinkedFailure } from '../support/linked-failure.js';
import { contextOf, type IoEvent, type PackageContext } from '../support/package-context.js';
import { upstreamReason } from '../support/upstream-reason.js';
import type { TriageRule } from '../types.js';

/** Explains a failure by an upstream's 5xx answer. */
export const dependency5xxRule: TriageRule = {
  id: 'dependency-5xx',
  explain(pkg) {
    const ctx = contextOf(pkg);
    const found = findLinkedFailure(ctx, isServerError, 0.95, (e) => {
      const reason = upstreamReason(e);
      return [reason.code, reason.message];
    });
    if (!found) return undefined;
    const { event, evidence, confidence } = found;
    const attempts = evidence.length > 1 ? ` (${evidence.length} attempts)` : '';
    return {
      kind: 'dependency-5xx',
      summary: `${capitalize(dependencyName(event))} answered ${operationName(event)} with HTTP ${statusLine(event)}${describeBody(ctx, event)}${attempts}`,
      evidence,
      confidence,
    };
  },
};

function isServerError(event: IoEvent): event is HttpEvent {
  return event.type === 'http' && event.status !== undefined && event.status >= 500;
}

function statusLine(event: HttpEvent): string {
  return event.statusText ? `${event.status} ${event.statusText}` : String(event.status);
}

function describeBody(ctx: PackageContext, event: HttpEvent): string {
  const reason = upstreamReason(event).message;
  const html =
    /html/i.test(event.responseBody?.contentType ?? '') || /^\s*</.test(bodyText(event.responseBody) ?? '');
  const parsedAsJson = ctx.errors.some((e) => e.type === 'SyntaxError' && /json/i.test(e.message));
  if (html && parsedAsJson) return ', an HTML error page the code then parsed as JSON';
  return reason ? `: "${reason}"` : '';
}
