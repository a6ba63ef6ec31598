/**
 * A program is the pure logic of one use case, named so that a recorded trace can find it again:
 * the trace keeps the name and the module, and replay loads that module and looks the name up.
 */
import type { Effect } from './effect.js';

const PROGRAM = Symbol.for('flashback.effects.program');

export interface Program<I, A> {
  readonly [PROGRAM]: true;
  /** Stable identity, recorded in traces: `checkout`, `refund-order`. */
  readonly name: string;
  /** The module that exports the program (`import.meta.url`), recorded so replay can load it. */
  readonly module: string | undefined;
  readonly run: (input: I) => Effect<A>;
}

/** Any program, whatever its input and output. */
// biome-ignore lint/suspicious/noExplicitAny: a program's input is contravariant; `unknown` would reject every concrete one
export type AnyProgram = Program<any, unknown>;

export interface ProgramOptions {
  name: string;
  /** Pass `import.meta.url` so `flashback replay` can load the program from a trace alone. */
  module?: string;
}

/**
 * @example
 * export const checkout = defineProgram({ name: 'checkout', module: import.meta.url }, (input: CheckoutInput) =>
 *   pipeline({ input }).step('cart', ({ input }) => loadCart(input.cartId)).return(({ cart }) => cart),
 * );
 */
export function defineProgram<I, A>(options: ProgramOptions, run: (input: I) => Effect<A>): Program<I, A> {
  return { [PROGRAM]: true, name: options.name, module: options.module, run };
}

export function isProgram(value: unknown): value is AnyProgram {
  return typeof value === 'object' && value !== null && (value as { [PROGRAM]?: unknown })[PROGRAM] === true;
}
