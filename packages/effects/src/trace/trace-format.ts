/**
 * The effect trace document, format `flashback.effects-trace/1`: one execution, self-contained,
 * JSON. Values (inputs, results, scopes) use the protocol's value encoding, so dates, bigints,
 * bytes and `undefined` survive the round trip. See the package README for a field-by-field guide.
 */
import type { EncodedValue } from '@flashback/protocol/types';

export const TRACE_FORMAT = 'flashback.effects-trace/1';

export interface EffectTrace {
  format: typeof TRACE_FORMAT;
  /** The execution id (UUID). */
  id: string;
  /** Which pure logic ran; replay looks it up by name in `module`. */
  program: TraceProgram;
  service?: { name: string; version?: string; environment?: string; commit?: string };
  recordedBy: { name: string; version: string };
  runtime: TraceRuntime;
  /** Wall clock at start, ISO 8601. */
  startedAt: string;
  durationMs: number;
  /** The execution's OpenTelemetry span, to find it among the service's traces. */
  otel?: { traceId: string; spanId: string };
  input: EncodedValue;
  /** Facts about the handlers that served each command kind (which database, which client). */
  handlers: Record<string, { [key: string]: EncodedValue }>;
  steps: TraceStep[];
  outcome: TraceOutcome;
}

export interface TraceProgram {
  name: string;
  /** Module exporting the program: a path relative to `runtime.appRoot`, or a URL outside it. */
  module?: string;
}

export interface TraceRuntime {
  nodeVersion: string;
  platform: string;
  arch: string;
  hostname: string;
  pid: number;
  appRoot: string;
}

export interface TraceError {
  type: string;
  message: string;
  code?: string;
  data?: EncodedValue;
  stack?: string;
}

export type TraceOutcome =
  | { status: 'success'; value: EncodedValue }
  | { status: 'failure'; error: TraceError };

export type TraceStep = {
  seq: number;
  /** The command kind: `sql.query`, `http.request`, or a kind of the service's own. */
  kind: string;
  input: EncodedValue;
  /** Start, in ms after the execution started. */
  startOffsetMs: number;
  durationMs: number;
  /** The pipeline's named values when the command was asked for; null outside a pipeline. */
  scope: EncodedValue;
} & TraceOutcome;
