/**
 * Commands: plain data describing one interaction with the outside world. The logic builds them;
 * only a handler, run by the interpreter, ever performs them.
 */

declare const resultType: unique symbol;

/** A request for an effect of `kind` with `input`, whose handler produces an `R`. */
export interface Command<I = unknown, R = unknown> {
  readonly tag: 'command';
  readonly kind: string;
  readonly input: I;
  /** Type-level only: carries the result type to the continuation. Never present at runtime. */
  readonly [resultType]?: R;
}

/** Builds commands of one kind; its `kind` names the handler that performs them. */
export interface CommandType<I, R> {
  (input: I): Command<I, R>;
  readonly kind: string;
}

/** The input type of a command type. */
export type InputOf<C> = C extends CommandType<infer I, unknown> ? I : never;
/** The result type of a command type. */
export type ResultOf<C> = C extends CommandType<unknown, infer R> ? R : never;

/**
 * Declares a command kind. The type parameters are what the logic passes and what it gets back.
 *
 * @example
 * const charge = defineCommand<{ amountCents: number }, { id: string }>('gateway.charge');
 * pipeline({}).step('payment', () => charge({ amountCents: 1250 })); // payment: { id: string }
 */
export function defineCommand<I, R>(kind: string): CommandType<I, R> {
  const create = (input: I): Command<I, R> => ({ tag: 'command', kind, input });
  return Object.assign(create, { kind });
}
