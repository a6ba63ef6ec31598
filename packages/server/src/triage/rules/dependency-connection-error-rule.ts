/**
 * `dependency-connection-error`: a dependency could not be reached or dropped the connection —
 * refused, reset, unresolvable, unreachable, closed — and the error followed from it.
 */

import { capitalize, dependencyName, operationName } from '../support/call-label.js';
import { type ConnectionFailureKind, connectionFailure } from '../support/io-failure.js';
import { findLinkedFailure } from '../support/linked-failure.js';
import { contextOf } from '../support/package-context.js';
import type { TriageRule } from '../types.js';

const WORDING: Record<ConnectionFailureKind, (dependency: string, operation: string) => string> = {
  refused: (d, o) => `${capitalize(d)} refused the connection for ${o}`,
  reset: (d, o) => `The connection to ${d} was reset during ${o}`,
  dns: (d, o) => `The host of ${d} could not be resolved for ${o}`,
  unreachable: (d, o) => `${capitalize(d)} was unreachable for ${o}`,
  closed: (d, o) => `The connection to ${d} was closed during ${o}`,
};

/** Explains a failure by a dependency that could not be reached or hung up. */
export const dependencyConnectionErrorRule: TriageRule = {
  id: 'dependency-connection-error',
  explain(pkg) {
    const found = findLinkedFailure(contextOf(pkg), (e) => connectionFailure(e) !== undefined, 0.95);
    if (!found) return undefined;
    const { event, evidence, confidence } = found;
    const kind = connectionFailure(event) ?? 'closed';
    const notes = [event.error?.code, evidence.length > 1 ? `${evidence.length} attempts` : undefined];
    const detail = notes.filter(Boolean).join(', ');
    return {
      kind: 'dependency-connection-error',
      summary: `${WORDING[kind](dependencyName(event), operationName(event))}${detail ? ` (${detail})` : ''}`,
      evidence,
      confidence,
    };
  },
};
