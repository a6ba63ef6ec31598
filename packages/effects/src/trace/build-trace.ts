/** Turns an execution into its trace document. Encoding happens here, after the run, off the hot path. */
import { hostname } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EncodedValue } from '@flashback/protocol/types';
import { encodeValue } from '@flashback/protocol/values';
import type { EffectError, Result } from '../core/result.js';
import type { Execution } from '../runtime/execution.js';
import { LIBRARY_NAME, LIBRARY_VERSION } from '../runtime/library-info.js';
import {
  type EffectTrace,
  TRACE_FORMAT,
  type TraceError,
  type TraceOutcome,
  type TraceRuntime,
} from './trace-format.js';
import { TRACE_VALUE_LIMITS } from './trace-limits.js';

/**
 * @example
 * const execution = await runtime.run(checkout, input);
 * await writeFile('trace.json', JSON.stringify(toTrace(execution)));
 */
export function toTrace(execution: Execution<unknown>): EffectTrace {
  const handlers: EffectTrace['handlers'] = {};
  for (const step of execution.steps) {
    const meta = execution.handlers.get(step.command.kind)?.meta;
    if (meta && !(step.command.kind in handlers)) handlers[step.command.kind] = { ...meta };
  }
  const trace: EffectTrace = {
    format: TRACE_FORMAT,
    id: execution.id,
    program: { name: execution.program.name },
    recordedBy: { name: LIBRARY_NAME, version: LIBRARY_VERSION },
    runtime: runtimeInfo(execution.appRoot),
    startedAt: new Date(execution.startedAt).toISOString(),
    durationMs: round(execution.durationMs),
    input: encode(execution.input),
    handlers,
    steps: execution.steps.map((step) => ({
      seq: step.seq,
      kind: step.command.kind,
      input: encode(step.command.input),
      startOffsetMs: round(step.startMs),
      durationMs: round(step.durationMs),
      scope: step.scope === undefined ? null : encode(step.scope),
      ...encodeOutcome(step.result),
    })),
    outcome: encodeOutcome(execution.outcome),
  };
  const module = modulePath(execution.program.module, execution.appRoot);
  if (module) trace.program.module = module;
  if (execution.service) trace.service = { ...execution.service };
  if (execution.otel) trace.otel = { ...execution.otel };
  return trace;
}

export function encodeOutcome(result: Result<unknown>): TraceOutcome {
  return result.ok
    ? { status: 'success', value: encode(result.value) }
    : { status: 'failure', error: encodeError(result.error) };
}

export function encodeError(error: EffectError): TraceError {
  const out: TraceError = { type: error.type, message: error.message };
  if (error.code !== undefined) out.code = error.code;
  if (error.data !== undefined) out.data = encode(error.data);
  if (error.stack !== undefined) out.stack = error.stack;
  return out;
}

export function encode(value: unknown): EncodedValue {
  return encodeValue(value, TRACE_VALUE_LIMITS);
}

function runtimeInfo(appRoot: string): TraceRuntime {
  return {
    nodeVersion: process.versions.node,
    platform: process.platform,
    arch: process.arch,
    hostname: hostname(),
    pid: process.pid,
    appRoot,
  };
}

/** A file URL inside the app root becomes a relative POSIX path, so the trace replays on another checkout. */
function modulePath(module: string | undefined, appRoot: string): string | undefined {
  if (!module?.startsWith('file:')) return module;
  const file = fileURLToPath(module);
  const relative = path.relative(appRoot, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? module : relative.split(path.sep).join('/');
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
