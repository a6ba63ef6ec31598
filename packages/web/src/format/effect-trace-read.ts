/**
 * Reads an effect trace document (`flashback.effects-trace/1`, see packages/effects/README.md) in
 * the browser: checks the parts the viewer relies on and names the JSON path at fault, as the
 * library's own `parseTrace` does, without pulling the library (and its runtime) into the bundle.
 */
import type { EncodedValue } from '@flashback/protocol/types';

export const EFFECT_TRACE_FORMAT = 'flashback.effects-trace/1';

export interface TraceErrorView {
  type: string;
  message: string;
  code: string | undefined;
  data: EncodedValue | undefined;
}

export type TraceResult = { ok: true; value: EncodedValue } | { ok: false; error: TraceErrorView };

export interface TraceStepView {
  seq: number;
  kind: string;
  input: EncodedValue;
  startOffsetMs: number;
  durationMs: number;
  /** The pipeline's named values when the command was asked for; null outside a pipeline. */
  scope: Record<string, EncodedValue> | null;
  result: TraceResult;
}

export interface EffectTraceView {
  id: string;
  program: { name: string; module: string | undefined };
  service: string | undefined;
  startedAt: string;
  durationMs: number;
  input: EncodedValue;
  steps: TraceStepView[];
  outcome: TraceResult;
}

/** A document that is not a trace, with the JSON path at fault (`steps[3].kind`). */
export class TraceReadError extends Error {
  constructor(
    readonly path: string,
    problem: string,
  ) {
    super(path ? `${path}: ${problem}` : problem);
    this.name = 'TraceReadError';
  }
}

/** Parses JSON text into a trace view; throws {@link TraceReadError}. */
export function readEffectTrace(text: string): EffectTraceView {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new TraceReadError('', `not JSON: ${(error as Error).message}`);
  }
  const doc = record(value, '');
  if (doc.format !== EFFECT_TRACE_FORMAT) {
    throw new TraceReadError(
      'format',
      `expected ${JSON.stringify(EFFECT_TRACE_FORMAT)}, got ${JSON.stringify(doc.format)}`,
    );
  }
  const program = record(doc.program, 'program');
  if (!Array.isArray(doc.steps)) throw new TraceReadError('steps', 'expected an array');
  const service = typeof doc.service === 'object' && doc.service !== null ? (doc.service as Json) : {};
  return {
    id: string(doc.id, 'id'),
    program: { name: string(program.name, 'program.name'), module: optionalString(program.module) },
    service: optionalString(service.name),
    startedAt: string(doc.startedAt, 'startedAt'),
    durationMs: typeof doc.durationMs === 'number' ? doc.durationMs : 0,
    input: encoded(doc.input),
    steps: doc.steps.map((step, index) => readStep(step, index)),
    outcome: readResult(doc.outcome, 'outcome'),
  };
}

type Json = Record<string, unknown>;

function readStep(value: unknown, index: number): TraceStepView {
  const at = `steps[${index}]`;
  const step = record(value, at);
  if (step.seq !== index) {
    throw new TraceReadError(`${at}.seq`, `expected ${index}, got ${JSON.stringify(step.seq)}`);
  }
  if (!('input' in step)) throw new TraceReadError(`${at}.input`, 'missing');
  return {
    seq: index,
    kind: string(step.kind, `${at}.kind`),
    input: encoded(step.input),
    startOffsetMs: number(step.startOffsetMs, `${at}.startOffsetMs`),
    durationMs: number(step.durationMs, `${at}.durationMs`),
    scope: readScope(step.scope),
    result: readResult(step, at),
  };
}

function readResult(value: unknown, at: string): TraceResult {
  const outcome = record(value, at);
  if (outcome.status === 'success') {
    if (!('value' in outcome)) throw new TraceReadError(`${at}.value`, 'missing');
    return { ok: true, value: encoded(outcome.value) };
  }
  if (outcome.status !== 'failure') {
    throw new TraceReadError(
      `${at}.status`,
      `expected "success" or "failure", got ${JSON.stringify(outcome.status)}`,
    );
  }
  const error = record(outcome.error, `${at}.error`);
  return {
    ok: false,
    error: {
      type: string(error.type, `${at}.error.type`),
      message: string(error.message, `${at}.error.message`),
      code: optionalString(error.code),
      data: 'data' in error ? encoded(error.data) : undefined,
    },
  };
}

/** Scope is a plain object of named values; a `$fb`-tagged one would be a value, not names. */
function readScope(value: unknown): Record<string, EncodedValue> | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || '$fb' in value) return null;
  return value as Record<string, EncodedValue>;
}

function record(value: unknown, at: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TraceReadError(at, 'expected an object');
  }
  return value as Json;
}

function string(value: unknown, at: string): string {
  if (typeof value !== 'string') throw new TraceReadError(at, 'expected a string');
  return value;
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function number(value: unknown, at: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new TraceReadError(at, 'expected a number');
  return value;
}

/** JSON as parsed is already a valid encoded value: plain JSON stands for itself. */
function encoded(value: unknown): EncodedValue {
  return value as EncodedValue;
}
