/**
 * The runtime: handlers for the real world, an optional OpenTelemetry tracer, and what to do with
 * each finished execution (write its trace, report its failure).
 */
import { randomUUID } from 'node:crypto';
import { type Tracer, trace } from '@opentelemetry/api';
import type { Effect } from '../core/effect.js';
import type { AnyHandler } from '../core/handler.js';
import type { Program } from '../core/program.js';
import { failure, type Result, success, toEffectError } from '../core/result.js';
import { EffectsError } from '../errors.js';
import { ExecutionSpans } from '../otel/execution-spans.js';
import type { Execution, ServiceInfo } from './execution.js';
import { Interpreter } from './interpreter.js';
import { LIBRARY_NAME, LIBRARY_VERSION } from './library-info.js';

export interface RuntimeOptions {
  handlers: readonly AnyHandler[];
  /** Recorded in traces and error packages. */
  service?: ServiceInfo;
  /** Module paths in traces are relative to it. Default: `process.cwd()`. */
  appRoot?: string;
  /**
   * Where spans go. Default: the global tracer of `@opentelemetry/api`, a no-op until the service
   * registers an SDK. `false` turns spans off.
   */
  tracer?: Tracer | false;
  /** Called with every finished execution; must not throw (errors are swallowed). */
  onExecution?: (execution: Execution<unknown>) => void;
}

export interface Runtime {
  /** Runs `program` on `input`, performing its commands with the real handlers. */
  run<I, A>(program: Program<I, A>, input: I): Promise<Execution<A>>;
  /** As {@link run}, for programs whose handlers all answer synchronously. */
  runSync<I, A>(program: Program<I, A>, input: I): Execution<A>;
}

export function createRuntime(options: RuntimeOptions): Runtime {
  const handlers = new Map<string, AnyHandler>();
  for (const handler of options.handlers) {
    if (handlers.has(handler.kind)) {
      throw new EffectsError(
        'FB_EFFECTS_DUPLICATE_HANDLER',
        `two handlers for command ${JSON.stringify(handler.kind)}`,
      );
    }
    handlers.set(handler.kind, handler);
  }
  const tracer =
    options.tracer === false ? undefined : (options.tracer ?? trace.getTracer(LIBRARY_NAME, LIBRARY_VERSION));
  const appRoot = options.appRoot ?? process.cwd();

  function start<I, A>(program: Program<I, A>, input: I) {
    const id = randomUUID();
    const startedAt = Date.now();
    const spans = tracer ? ExecutionSpans.start(tracer, program, id) : undefined;
    let effect: Effect<A>;
    try {
      effect = program.run(input);
    } catch (thrown) {
      effect = { tag: 'done', result: failure(toEffectError(thrown)) };
    }
    const interpreter = new Interpreter(effect as Effect<unknown>, handlers, spans);
    const finish = (): Execution<A> => {
      const outcome = interpreter.outcome as Result<A>;
      spans?.end(outcome, interpreter.steps.length);
      const execution: Execution<A> = {
        id,
        program,
        input,
        startedAt,
        durationMs: interpreter.elapsedMs(),
        steps: interpreter.steps,
        outcome,
        handlers,
        service: options.service,
        appRoot,
        otel: spans?.ids,
      };
      notify(execution as Execution<unknown>);
      return execution;
    };
    // Misuse (no handler, an async handler in runSync) throws at the caller; the span still ends.
    const abandon = (error: unknown) => spans?.end(failure(toEffectError(error)), interpreter.steps.length);
    return { interpreter, finish, abandon };
  }

  function notify(execution: Execution<unknown>): void {
    try {
      options.onExecution?.(execution);
    } catch {
      // A reporting hook must never change the outcome of the business logic.
    }
  }

  return {
    async run(program, input) {
      const { interpreter, finish, abandon } = start(program, input);
      try {
        let pending = interpreter.advance();
        while (pending !== undefined) {
          let result: Result<unknown>;
          try {
            result = success(await pending);
          } catch (thrown) {
            result = failure(toEffectError(thrown));
          }
          pending = interpreter.resume(result);
        }
      } catch (error) {
        abandon(error);
        throw error;
      }
      return finish();
    },
    runSync(program, input) {
      const { interpreter, finish, abandon } = start(program, input);
      try {
        if (interpreter.advance() !== undefined) {
          throw new EffectsError(
            'FB_EFFECTS_ASYNC_HANDLER',
            `program ${program.name}: the handler for ${interpreter.steps.at(-1)?.command.kind} answered with a promise; use run() instead of runSync()`,
          );
        }
      } catch (error) {
        abandon(error);
        throw error;
      }
      return finish();
    },
  };
}
