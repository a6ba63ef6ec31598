/** Decodes what a trace recorded back into the values the logic saw in production. */
import type { EncodedValue } from '@flashback/protocol/types';
import type { EffectError, Result } from '../core/result.js';
import type { TraceError, TraceOutcome } from '../trace/trace-format.js';
import { decodeTraceValue } from './decode-trace-value.js';

export function decodeOutcome(outcome: TraceOutcome): Result<unknown> {
  return outcome.status === 'success'
    ? { ok: true, value: decodeTraceValue(outcome.value) }
    : { ok: false, error: decodeError(outcome.error) };
}

export function decodeError(error: TraceError): EffectError {
  const out: { -readonly [K in keyof EffectError]: EffectError[K] } = {
    type: error.type,
    message: error.message,
  };
  if (error.code !== undefined) out.code = error.code;
  if (error.data !== undefined) out.data = decodeTraceValue(error.data);
  if (error.stack !== undefined) out.stack = error.stack;
  return out;
}

/** The comparable part of an outcome: everything but the stack, which moves with every edit. */
export function comparableOutcome(outcome: TraceOutcome): EncodedValue {
  if (outcome.status === 'success') return { status: 'success', value: outcome.value };
  const { stack: _stack, ...error } = outcome.error;
  return { status: 'failure', error: error as { [key: string]: EncodedValue } };
}
