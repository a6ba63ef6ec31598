/**
 * Reads a trace document back, checking the parts replay relies on. Hand-written rather than a
 * schema library, to keep the runtime dependency-free; a failure names the JSON path at fault.
 */
import { EffectsError } from '../errors.js';
import { type EffectTrace, TRACE_FORMAT } from './trace-format.js';

/** Parses JSON text or checks an already parsed value; throws `FB_EFFECTS_INVALID_TRACE`. */
export function parseTrace(json: string | unknown): EffectTrace {
  let value: unknown = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch (error) {
      throw invalid('', `not JSON: ${(error as Error).message}`);
    }
  }
  const doc = record(value, '');
  if (doc.format !== TRACE_FORMAT) {
    throw invalid('format', `expected ${JSON.stringify(TRACE_FORMAT)}, got ${JSON.stringify(doc.format)}`);
  }
  string(doc.id, 'id');
  string(record(doc.program, 'program').name, 'program.name');
  string(doc.startedAt, 'startedAt');
  if (!('input' in doc)) throw invalid('input', 'missing');
  record(doc.handlers, 'handlers');
  outcome(doc.outcome, 'outcome');
  if (!Array.isArray(doc.steps)) throw invalid('steps', 'expected an array');
  doc.steps.forEach((item, index) => {
    const at = `steps[${index}]`;
    const step = record(item, at);
    if (step.seq !== index) throw invalid(`${at}.seq`, `expected ${index}, got ${JSON.stringify(step.seq)}`);
    string(step.kind, `${at}.kind`);
    if (!('input' in step)) throw invalid(`${at}.input`, 'missing');
    number(step.startOffsetMs, `${at}.startOffsetMs`);
    number(step.durationMs, `${at}.durationMs`);
    outcome(step, at);
  });
  return doc as unknown as EffectTrace;
}

function outcome(value: unknown, at: string): void {
  const o = record(value, at);
  if (o.status === 'success') {
    if (!('value' in o)) throw invalid(`${at}.value`, 'missing');
    return;
  }
  if (o.status !== 'failure')
    throw invalid(`${at}.status`, `expected "success" or "failure", got ${JSON.stringify(o.status)}`);
  const error = record(o.error, `${at}.error`);
  string(error.type, `${at}.error.type`);
  string(error.message, `${at}.error.message`);
}

function record(value: unknown, at: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalid(at, 'expected an object');
  return value as Record<string, unknown>;
}

function string(value: unknown, at: string): void {
  if (typeof value !== 'string') throw invalid(at, 'expected a string');
}

function number(value: unknown, at: string): void {
  if (typeof value !== 'number') throw invalid(at, 'expected a number');
}

function invalid(at: string, message: string): EffectsError {
  return new EffectsError(
    'FB_EFFECTS_INVALID_TRACE',
    `invalid effect trace${at ? ` at ${at}` : ''}: ${message}`,
  );
}
