/**
 * `@peculiar/x509` resolves its algorithms through tsyringe, which refuses to load without the
 * Reflect metadata API (`reflect-metadata`'s polyfill). This installs the four functions tsyringe
 * calls, only where no polyfill is present, so the certificate code loads without a dependency
 * that would patch the global for everyone.
 */

type Target = object;

interface MetadataReflect {
  getMetadata?: (key: unknown, target: Target) => unknown;
  getOwnMetadata?: (key: unknown, target: Target) => unknown;
  defineMetadata?: (key: unknown, value: unknown, target: Target) => void;
  metadata?: (key: unknown, value: unknown) => (target: Target) => void;
}

const store = new WeakMap<Target, Map<unknown, unknown>>();

function own(target: Target, create: boolean): Map<unknown, unknown> | undefined {
  let map = store.get(target);
  if (!map && create) {
    map = new Map();
    store.set(target, map);
  }
  return map;
}

/** Installs the metadata functions on `Reflect` unless a polyfill already did. */
export function ensureReflectMetadata(): void {
  const reflect = Reflect as unknown as MetadataReflect;
  if (typeof reflect.getMetadata === 'function') return;
  reflect.defineMetadata = (key, value, target) => void own(target, true)?.set(key, value);
  reflect.getOwnMetadata = (key, target) => own(target, false)?.get(key);
  reflect.getMetadata = (key, target) => {
    for (let at: Target | null = target; at !== null; at = Object.getPrototypeOf(at) as Target | null) {
      const map = own(at, false);
      if (map?.has(key)) return map.get(key);
    }
    return undefined;
  };
  reflect.metadata = (key, value) => (target) => void own(target, true)?.set(key, value);
}
