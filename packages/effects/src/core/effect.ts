/**
 * An effect is a description of work: a finished result, a command to perform, or a command plus
 * the continuation that receives its result. The interpreter walks this structure; nothing in it
 * touches the world.
 */
import type { Command } from './command.js';
import { type EffectError, failure, type Result, success, toEffectError } from './result.js';

/** Finished: the value the logic produced, or the failure it ended with. */
export interface Done<A> {
  readonly tag: 'done';
  readonly result: Result<A>;
}

/** Perform `command`, then continue with `next` given its result. */
export interface Step<A> {
  readonly tag: 'step';
  readonly command: Command;
  readonly next: (result: Result<never>) => Effect<A>;
  /** The pipeline's named values when the command was asked for, shown by time travel. */
  readonly scope: object | undefined;
}

/** A command on its own is an effect whose value is the command's result. */
export type Effect<A> = Done<A> | Step<A> | Command<unknown, A>;

/** The value an effect produces. */
export type ValueOf<E> = E extends Effect<infer A> ? A : never;

export function succeed<A>(value: A): Done<A> {
  return { tag: 'done', result: success(value) };
}

/** Ends the logic with a failure. An `Error` is converted, keeping its stack. */
export function fail(error: EffectError | Error): Done<never> {
  return {
    tag: 'done',
    result: failure(error instanceof Error ? toEffectError(error) : error),
  };
}

export function done<A>(result: Result<A>): Done<A> {
  return { tag: 'done', result };
}

/**
 * Runs `effect`, then hands its result, success or failure, to `next`.
 *
 * @example
 * attempt(charge(order), (r) => (r.ok ? succeed(r.value.id) : succeed('unpaid')));
 */
export function attempt<A, B>(
  effect: Effect<A>,
  next: (result: Result<A>) => Effect<B>,
  scope?: object,
): Effect<B> {
  switch (effect.tag) {
    case 'done':
      return next(effect.result);
    case 'command':
      return { tag: 'step', command: effect, next: next as (result: Result<never>) => Effect<B>, scope };
    case 'step': {
      const inner = effect.next;
      return {
        tag: 'step',
        command: effect.command,
        next: (result) => attempt(inner(result), next, scope),
        scope: effect.scope ?? scope,
      };
    }
  }
}

/** Runs `effect`, then `next` with its value; a failure skips `next` and ends the chain. */
export function andThen<A, B>(effect: Effect<A>, next: (value: A) => Effect<B>, scope?: object): Effect<B> {
  return attempt(effect, (result) => (result.ok ? next(result.value) : done<never>(result)), scope);
}

/** Transforms the value of `effect` with a pure function. */
export function map<A, B>(effect: Effect<A>, f: (value: A) => B): Effect<B> {
  return andThen(effect, (value) => succeed(f(value)));
}
