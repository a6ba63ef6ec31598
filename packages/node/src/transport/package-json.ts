import type { ErrorPackage } from '@flashback/protocol/types';
import { debug } from '../debug-logger.js';

/** A package serialized once, so its size is known and the JSON is reused for every attempt. */
export interface SerializedPackage {
  id: string;
  json: string;
  bytes: number;
}

/** Ids become file names (`<id>.json`), so anything that could leave the directory is refused. */
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** True when `id` can be used as a file name as it is. */
export function isSafeId(id: unknown): id is string {
  return typeof id === 'string' && SAFE_ID.test(id);
}

/**
 * Serializes a package for a transport. Returns undefined (and says why in debug) when the
 * package has an id unfit for a file name or cannot be turned into JSON.
 */
export function serializePackage(pkg: ErrorPackage, indent?: number): SerializedPackage | undefined {
  const id: unknown = pkg?.id;
  if (!isSafeId(id)) {
    debug.warn(`dropping a package whose id ${JSON.stringify(id)} is not a plain identifier`);
    return undefined;
  }
  try {
    const json = JSON.stringify(pkg, null, indent);
    return { id, json, bytes: Buffer.byteLength(json) };
  } catch (error) {
    debug.warn(`dropping package ${id}: it cannot be serialized to JSON`, error);
    return undefined;
  }
}
