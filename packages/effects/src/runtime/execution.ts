/** What one execution leaves behind: its input, every command with its result and timing, its outcome. */
import type { Command } from '../core/command.js';
import type { AnyHandler } from '../core/handler.js';
import type { AnyProgram } from '../core/program.js';
import type { Result } from '../core/result.js';

export interface StepRecord {
  /** 0-based position of the command in the execution. */
  readonly seq: number;
  readonly command: Command;
  /** The pipeline's named values when the command was asked for. */
  readonly scope: object | undefined;
  /** Set once the handler has answered. */
  result: Result<unknown>;
  /** Start, in ms after the execution started. */
  readonly startMs: number;
  durationMs: number;
}

export interface ServiceInfo {
  name: string;
  version?: string;
  environment?: string;
  commit?: string;
}

export interface Execution<A> {
  /** Random UUID; also the id of the trace document and of the error package built from it. */
  readonly id: string;
  readonly program: AnyProgram;
  readonly input: unknown;
  /** Wall clock at start, epoch ms. */
  readonly startedAt: number;
  readonly durationMs: number;
  readonly steps: readonly StepRecord[];
  readonly outcome: Result<A>;
  /** The handlers that served the commands, by kind, for their recorded facts. */
  readonly handlers: ReadonlyMap<string, AnyHandler>;
  readonly service: ServiceInfo | undefined;
  /** Directory module paths are recorded relative to. */
  readonly appRoot: string;
  /** The execution's OpenTelemetry span, when one was recorded. */
  readonly otel: { traceId: string; spanId: string } | undefined;
}
