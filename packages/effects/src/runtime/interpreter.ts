/**
 * The interpreter loop for one execution. It runs synchronously for as long as handlers answer
 * synchronously and hands back the promise of the first asynchronous one, so a pipeline of sync
 * commands never pays for a microtask per command.
 */
import type { Span } from '@opentelemetry/api';
import type { Command } from '../core/command.js';
import type { Effect } from '../core/effect.js';
import type { AnyHandler } from '../core/handler.js';
import { failure, type Result, success, toEffectError } from '../core/result.js';
import { EffectsError } from '../errors.js';
import type { ExecutionSpans } from '../otel/execution-spans.js';
import type { StepRecord } from './execution.js';

export class Interpreter {
  readonly steps: StepRecord[] = [];
  outcome: Result<unknown> | undefined;
  private current: StepRecord | undefined;
  private handler: AnyHandler | undefined;
  private span: Span | undefined;
  private readonly origin = performance.now();

  constructor(
    private effect: Effect<unknown>,
    private readonly handlers: ReadonlyMap<string, AnyHandler>,
    private readonly spans: ExecutionSpans | undefined,
  ) {}

  /**
   * Performs commands until the logic is done (returns undefined) or a handler answers with a
   * promise (returns it; call {@link resume} with its settlement).
   */
  advance(): PromiseLike<unknown> | undefined {
    for (;;) {
      const effect = this.effect;
      if (effect.tag === 'done') {
        this.outcome = effect.result;
        return undefined;
      }
      const command = effect.tag === 'command' ? effect : effect.command;
      const handler = this.handlerFor(command);
      this.begin(command, effect.tag === 'step' ? effect.scope : undefined, handler);
      let answer: unknown;
      try {
        answer = this.span
          ? this.spans?.runHandler(this.span, handler, command.input)
          : handler.run(command.input as never);
      } catch (thrown) {
        this.complete(failure(toEffectError(thrown)));
        continue;
      }
      if (isThenable(answer)) return answer;
      this.complete(success(answer));
    }
  }

  /** Continues after the pending asynchronous command settled with `result`. */
  resume(result: Result<unknown>): PromiseLike<unknown> | undefined {
    this.complete(result);
    return this.advance();
  }

  elapsedMs(): number {
    return performance.now() - this.origin;
  }

  private handlerFor(command: Command): AnyHandler {
    const handler = this.handlers.get(command.kind);
    if (handler) return handler;
    throw new EffectsError(
      'FB_EFFECTS_NO_HANDLER',
      `no handler for command ${JSON.stringify(command.kind)}; pass one in createRuntime({ handlers })`,
    );
  }

  private begin(command: Command, scope: object | undefined, handler: AnyHandler): void {
    const seq = this.steps.length;
    const record: StepRecord = {
      seq,
      command,
      scope,
      result: PENDING,
      startMs: performance.now() - this.origin,
      durationMs: 0,
    };
    this.steps.push(record);
    this.current = record;
    this.handler = handler;
    this.span = this.spans?.startCommand(seq, command);
  }

  private complete(result: Result<unknown>): void {
    const record = this.current as StepRecord;
    record.result = result;
    record.durationMs = performance.now() - this.origin - record.startMs;
    if (this.span)
      this.spans?.endCommand(this.span, this.handler as AnyHandler, record.command.input, result);
    this.span = undefined;
    const effect = this.effect;
    try {
      this.effect = effect.tag === 'step' ? effect.next(result as Result<never>) : { tag: 'done', result };
    } catch (thrown) {
      // A bug in the logic itself (a TypeError in a continuation) ends the execution as a failure.
      this.effect = { tag: 'done', result: failure(toEffectError(thrown)) };
    }
  }
}

const PENDING: Result<unknown> = failure({ type: 'Pending', message: 'the handler has not answered' });

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function'
  );
}
