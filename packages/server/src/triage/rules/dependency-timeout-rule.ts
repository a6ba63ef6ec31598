/**
 * `dependency-timeout`: an HTTP call, a Redis command or a query did not answer in time, and the
 * error followed from it (it was the last IO before the throw, or the error names it). A timeout the
 * app retried past is not a cause.
 */
import type { RedisEvent } from '@flashback/protocol/types';
import { callSubject, capitalize } from '../support/call-label.js';
import { isTimeout } from '../support/io-failure.js';
import { findLinkedFailure } from '../support/linked-failure.js';
import { contextOf } from '../support/package-context.js';
import type { TriageRule } from '../types.js';

// Blocking commands and where their server-side wait (seconds) sits in the arguments. A wait longer
// than the client's command timeout is a classic way to time out on a healthy server.
const BLOCKING_TIMEOUT_ARG: Record<string, 'first' | 'last'> = {
  BLPOP: 'last',
  BRPOP: 'last',
  BRPOPLPUSH: 'last',
  BLMOVE: 'last',
  BZPOPMIN: 'last',
  BZPOPMAX: 'last',
  BLMPOP: 'first',
  BZMPOP: 'first',
};

/** Explains a failure by a dependency that did not answer in time. */
export const dependencyTimeoutRule: TriageRule = {
  id: 'dependency-timeout',
  explain(pkg) {
    const found = findLinkedFailure(contextOf(pkg), isTimeout, 0.95);
    if (!found) return undefined;
    const { event, evidence, confidence } = found;
    const waited = event.durationMs === null ? '' : ` after ${Math.round(event.durationMs)} ms`;
    const attempts = evidence.length > 1 ? ` (${evidence.length} attempts)` : '';
    const blocking = event.type === 'redis' ? serverSideWait(event) : '';
    return {
      kind: 'dependency-timeout',
      summary: `${capitalize(callSubject(event))} timed out${waited}${attempts}${blocking}`,
      evidence,
      confidence,
    };
  },
};

function serverSideWait(event: RedisEvent): string {
  const position = Object.hasOwn(BLOCKING_TIMEOUT_ARG, event.command)
    ? BLOCKING_TIMEOUT_ARG[event.command]
    : undefined;
  if (!position) return '';
  const raw = position === 'first' ? event.args[0] : event.args[event.args.length - 1];
  const seconds = Number(raw);
  if (!Number.isFinite(seconds)) return '';
  return seconds === 0
    ? '; it blocks server-side with no limit'
    : `; it blocks server-side for up to ${seconds} s`;
}
