import { debug } from '../debug-logger.js';

const ORIGINAL = Symbol.for('flashback.original');

type AnyFunction = (this: unknown, ...args: unknown[]) => unknown;

interface Wrapped {
  target: object;
  name: PropertyKey;
  original: AnyFunction;
}

const wrapped: Wrapped[] = [];

/**
 * Replaces `target[name]` with `makeWrapper(original)`. A method is wrapped once: a second call
 * for the same method is ignored, so loading a module twice never double-records.
 */
export function wrapMethod<T extends object>(
  target: T,
  name: keyof T & PropertyKey,
  makeWrapper: (original: AnyFunction) => AnyFunction,
): boolean {
  const original = (target as Record<PropertyKey, unknown>)[name];
  if (typeof original !== 'function') {
    debug.warn(`cannot instrument ${String(name)}: not a function`);
    return false;
  }
  if ((original as unknown as Record<symbol, unknown>)[ORIGINAL]) return false;
  const wrapper = makeWrapper(original as AnyFunction);
  Object.defineProperty(wrapper, ORIGINAL, { value: original, enumerable: false });
  Object.defineProperty(wrapper, 'name', { value: (original as AnyFunction).name });
  Object.defineProperty(wrapper, 'length', { value: (original as AnyFunction).length });
  (target as Record<PropertyKey, unknown>)[name] = wrapper;
  wrapped.push({ target, name, original: original as AnyFunction });
  return true;
}

export function isWrapped(fn: unknown): boolean {
  return typeof fn === 'function' && Boolean((fn as unknown as Record<symbol, unknown>)[ORIGINAL]);
}

/** Restores every method wrapped so far (used by `close()` and by tests). */
export function unwrapAll(): void {
  for (const { target, name, original } of wrapped.splice(0).reverse()) {
    (target as Record<PropertyKey, unknown>)[name] = original;
  }
}
