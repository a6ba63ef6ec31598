/**
 * Handlers perform commands. A handler may answer synchronously (clock, random, better-sqlite3)
 * or with a promise (pg, fetch, Redis); the interpreter only awaits the latter.
 */
import type { EncodedValue } from '@flashback/protocol/types';
import type { CommandType } from './command.js';
import type { Result } from './result.js';

export type SpanAttributes = Record<string, string | number | boolean>;

export interface Handler<I = never, R = unknown> {
  readonly kind: string;
  readonly run: (input: I) => R | PromiseLike<R>;
  /**
   * Facts about the resource behind the handler (which database, which client), recorded once per
   * trace so an error package can be built from the trace alone.
   */
  readonly meta?: { readonly [key: string]: EncodedValue };
  /** OpenTelemetry attributes for a command's span, beyond kind and outcome. */
  readonly spanAttributes?: (input: I, result: Result<R>) => SpanAttributes;
}

/** Any handler, whatever its input and result. */
// biome-ignore lint/suspicious/noExplicitAny: handlers of every input and result type live in one registry
export type AnyHandler = Handler<any, any>;

/**
 * Binds a function to a command type; the types of input and result are checked against it.
 *
 * @example
 * handle(charge, async ({ amountCents }) => gateway.charge(amountCents));
 */
export function handle<I, R>(
  type: CommandType<I, R>,
  run: (input: I) => R | PromiseLike<R>,
  extra: Pick<Handler<I, R>, 'meta' | 'spanAttributes'> = {},
): Handler<I, R> {
  return { kind: type.kind, run, ...extra };
}
