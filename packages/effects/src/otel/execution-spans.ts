/**
 * OpenTelemetry spans for an execution: one span for the execution, a child span per command, so
 * the effect trace joins the service's own traces. Nothing is created when no SDK is recording,
 * which keeps the interpreter's hot path free of span bookkeeping.
 */
import {
  type Context,
  context,
  type Span,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import type { Command } from '../core/command.js';
import type { AnyHandler } from '../core/handler.js';
import type { AnyProgram } from '../core/program.js';
import type { Result } from '../core/result.js';

export const ATTR_PROGRAM = 'flashback.effects.program';
export const ATTR_EXECUTION_ID = 'flashback.effects.execution_id';
export const ATTR_KIND = 'flashback.effects.command.kind';
export const ATTR_SEQ = 'flashback.effects.command.seq';
export const ATTR_OUTCOME = 'flashback.effects.outcome';
export const ATTR_STEPS = 'flashback.effects.steps';
export const ATTR_ERROR_TYPE = 'error.type';

export class ExecutionSpans {
  private constructor(
    private readonly tracer: Tracer,
    private readonly span: Span,
    private readonly context: Context,
  ) {}

  /** Starts the execution span under the active context; undefined when nothing would record it. */
  static start(tracer: Tracer, program: AnyProgram, executionId: string): ExecutionSpans | undefined {
    const span = tracer.startSpan(`execute ${program.name}`, {
      kind: SpanKind.INTERNAL,
      attributes: { [ATTR_PROGRAM]: program.name, [ATTR_EXECUTION_ID]: executionId },
    });
    if (!span.isRecording()) return undefined;
    return new ExecutionSpans(tracer, span, trace.setSpan(context.active(), span));
  }

  get ids(): { traceId: string; spanId: string } {
    const { traceId, spanId } = this.span.spanContext();
    return { traceId, spanId };
  }

  startCommand(seq: number, command: Command): Span {
    return this.tracer.startSpan(
      command.kind,
      { kind: SpanKind.CLIENT, attributes: { [ATTR_KIND]: command.kind, [ATTR_SEQ]: seq } },
      this.context,
    );
  }

  /** Runs the handler with the command span active, so spans of instrumented drivers nest under it. */
  runHandler(span: Span, handler: AnyHandler, input: unknown): unknown {
    return context.with(trace.setSpan(this.context, span), handler.run, handler, input as never);
  }

  endCommand(span: Span, handler: AnyHandler, input: unknown, result: Result<unknown>): void {
    span.setAttribute(ATTR_OUTCOME, result.ok ? 'success' : 'failure');
    if (handler.spanAttributes) span.setAttributes(handler.spanAttributes(input as never, result));
    if (!result.ok) {
      span.setAttribute(ATTR_ERROR_TYPE, result.error.type);
      span.setStatus({ code: SpanStatusCode.ERROR, message: result.error.message });
    }
    span.end();
  }

  end(outcome: Result<unknown>, steps: number): void {
    this.span.setAttribute(ATTR_OUTCOME, outcome.ok ? 'success' : 'failure');
    this.span.setAttribute(ATTR_STEPS, steps);
    if (!outcome.ok) {
      const { type, message, stack } = outcome.error;
      this.span.setAttribute(ATTR_ERROR_TYPE, type);
      this.span.recordException(
        stack === undefined ? { name: type, message } : { name: type, message, stack },
      );
      this.span.setStatus({ code: SpanStatusCode.ERROR, message: outcome.error.message });
    }
    this.span.end();
  }
}
