/**
 * Pipelines: a sequence of named steps whose values accumulate in a scope, so each step reads what
 * the earlier ones produced and time travel can show every value in scope at every command.
 */
import { attempt, done, type Effect, succeed } from './effect.js';
import type { EffectError, Result } from './result.js';

type Extend<S, N extends string, V> = {
  readonly [K in keyof S | N]: K extends N ? V : K extends keyof S ? S[K] : never;
};

/** Continuation-passing form of the steps so far: given what comes next, the whole effect. */
type Chain<S> = <B>(rest: (scope: S) => Effect<B>) => Effect<B>;

export class Pipeline<S extends object> {
  /** @internal use {@link pipeline} */
  constructor(private readonly chain: Chain<S>) {}

  /**
   * Performs the effect `f` returns and keeps its value as `name`; a failure ends the pipeline
   * with that failure.
   */
  step<N extends string, V>(name: N, f: (scope: S) => Effect<V>): Pipeline<Extend<S, N, V>> {
    return this.link((scope, rest) =>
      attempt(
        f(scope),
        (result) => (result.ok ? rest(extend(scope, name, result.value)) : done<never>(result)),
        scope,
      ),
    );
  }

  /** Performs the effect `f` returns and keeps its whole result, success or failure, as `name`. */
  attempt<N extends string, V>(name: N, f: (scope: S) => Effect<V>): Pipeline<Extend<S, N, Result<V>>> {
    return this.link((scope, rest) =>
      attempt(f(scope), (result) => rest(extend(scope, name, result)), scope),
    );
  }

  /** Computes a pure value from the scope and keeps it as `name`. */
  let<N extends string, V>(name: N, f: (scope: S) => V): Pipeline<Extend<S, N, V>> {
    return this.link((scope, rest) => rest(extend(scope, name, f(scope))));
  }

  /** Performs an effect for its own sake (a log line, a write whose result is not needed). */
  do(f: (scope: S) => Effect<unknown>): Pipeline<S> {
    return this.link((scope, rest) =>
      attempt(f(scope), (result) => (result.ok ? rest(scope) : done<never>(result)), scope),
    );
  }

  /** Ends the pipeline with `error(scope)` unless `ok(scope)` holds. */
  guard(ok: (scope: S) => boolean, error: (scope: S) => EffectError): Pipeline<S> {
    return this.link((scope, rest) => (ok(scope) ? rest(scope) : done({ ok: false, error: error(scope) })));
  }

  /** The pipeline as an effect producing `f(scope)`. */
  return<A>(f: (scope: S) => A): Effect<A> {
    return this.chain((scope) => succeed(f(scope)));
  }

  /** The pipeline as an effect that continues with the effect `f` returns. */
  andThen<A>(f: (scope: S) => Effect<A>): Effect<A> {
    return this.chain(f);
  }

  private link<T extends object>(
    link: <B>(scope: S, rest: (next: T) => Effect<B>) => Effect<B>,
  ): Pipeline<T> {
    const chain = this.chain;
    return new Pipeline<T>((rest) => chain((scope) => link(scope, rest)));
  }
}

/**
 * Starts a pipeline with `initial` in scope.
 *
 * @example
 * pipeline({ cartId })
 *   .step('cart', ({ cartId }) => query({ sql: 'select * from carts where id = ?', params: [cartId] }))
 *   .let('total', ({ cart }) => cart.rows.length)
 *   .return(({ total }) => total);
 */
export function pipeline<S extends object>(initial: S): Pipeline<S> {
  return new Pipeline<S>((rest) => rest(initial));
}

function extend<S extends object, N extends string, V>(scope: S, name: N, value: V): Extend<S, N, V> {
  return { ...scope, [name]: value } as Extend<S, N, V>;
}
