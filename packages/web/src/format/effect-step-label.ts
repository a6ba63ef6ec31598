import type { EncodedValue } from '@flashback/protocol/types';
import type { TraceResult, TraceStepView } from './effect-trace-read.js';

/**
 * The short answer of a command, as a list shows it: `400 Bad Request`, `1 row`, `PaymentRejected`;
 * undefined when the answer has no shape worth naming (show a preview of the value instead).
 */
export function resultLabel(result: TraceResult): string | undefined {
  if (!result.ok) return result.error.type;
  const value = result.value;
  if (!isRecord(value)) return undefined;
  if (typeof value.status === 'number') return [value.status, value.statusText].filter(Boolean).join(' ');
  if (Array.isArray(value.rows)) return `${value.rows.length} row${value.rows.length === 1 ? '' : 's'}`;
  return undefined;
}

/** Whether the command failed, or answered with an HTTP 4xx/5xx. */
export function resultFailed(result: TraceResult): boolean {
  if (!result.ok) return true;
  return isRecord(result.value) && typeof result.value.status === 'number' && result.value.status >= 400;
}

/** The names in scope at `step` that the step before did not have: what the last command or `let` added. */
export function newInScope(step: TraceStepView, previous: TraceStepView | undefined): Set<string> {
  const before = new Set(Object.keys(previous?.scope ?? {}));
  return new Set(Object.keys(step.scope ?? {}).filter((name) => !before.has(name)));
}

function isRecord(value: EncodedValue): value is { [key: string]: EncodedValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !('$fb' in value);
}
