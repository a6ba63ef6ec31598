import { wrapMethod } from '../../instrument/wrap.js';

type AnyFunction = (this: unknown, ...args: unknown[]) => unknown;

/** A wrapped method and what it was before, so teardown can put it back exactly. */
export interface PatchedMethod {
  target: object;
  name: PropertyKey;
  /** The own property descriptor before wrapping, or undefined when the method was inherited. */
  descriptor: PropertyDescriptor | undefined;
  wrapper: unknown;
}

/**
 * `wrapMethod` (with its double-wrap guard) plus what `restoreMethod` needs. Returns undefined
 * when nothing was wrapped.
 */
export function patchMethod<T extends object>(
  target: T,
  name: keyof T & PropertyKey,
  makeWrapper: (original: AnyFunction) => AnyFunction,
): PatchedMethod | undefined {
  const descriptor = Object.getOwnPropertyDescriptor(target, name);
  if (!wrapMethod(target, name, makeWrapper)) return undefined;
  return { target, name, descriptor, wrapper: (target as Record<PropertyKey, unknown>)[name] };
}

/**
 * Undoes a patch: restores the own property, or deletes it when the method was inherited (so
 * `http.Server.prototype.emit` is `EventEmitter.prototype.emit` again). Leaves the property alone
 * when something else replaced it after us, rather than unwrapping that too.
 */
export function restoreMethod(patched: PatchedMethod): void {
  const { target, name, descriptor, wrapper } = patched;
  const record = target as Record<PropertyKey, unknown>;
  if (record[name] !== wrapper) return;
  if (descriptor) Object.defineProperty(target, name, descriptor);
  else delete record[name];
}
