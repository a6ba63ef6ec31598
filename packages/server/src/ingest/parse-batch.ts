import { type ErrorPackage, validatePackage } from '@flashback/protocol';
import { type ErrorDetail, ServerError } from '../app/server-errors.js';
import { exceedsJsonDepth } from './json-depth.js';

export interface BatchLimits {
  maxJsonDepth: number;
  maxPackagesPerRequest: number;
}

/** Enough to fix a package; a document of the wrong shape entirely would otherwise list hundreds. */
const MAX_ERRORS_PER_PACKAGE = 20;

/** A package of the batch that failed validation; `id` when it had a readable one. */
export interface RejectedPackage {
  index: number;
  id?: string;
  errors: ErrorDetail[];
}

export interface ValidPackage {
  index: number;
  pkg: ErrorPackage;
  /** The validated package as JSON, unknown fields dropped. */
  body: string;
}

/** Parses `{"packages": [...]}` and returns the array; a 400/413 `ServerError` for anything else. */
export function parseBatch(text: string, limits: BatchLimits): unknown[] {
  if (exceedsJsonDepth(text, limits.maxJsonDepth)) {
    throw new ServerError(
      'FB_ERR_TOO_DEEP',
      `the body nests objects and arrays deeper than ${limits.maxJsonDepth} levels`,
    );
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new ServerError('FB_ERR_INVALID_JSON', `the body is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw invalidBatch('', `expected an object {"packages": [...]}, got ${describe(document)}`);
  }
  const { packages } = document as { packages?: unknown };
  if (!Array.isArray(packages)) {
    throw invalidBatch('packages', `expected an array of error packages, got ${describe(packages)}`);
  }
  if (packages.length === 0) throw invalidBatch('packages', 'expected at least one error package');
  if (packages.length > limits.maxPackagesPerRequest) {
    throw new ServerError(
      'FB_ERR_TOO_MANY_PACKAGES',
      `the batch holds ${packages.length} packages; send at most ${limits.maxPackagesPerRequest} per request`,
    );
  }
  return packages;
}

/** Validates every package against the protocol schema; paths in errors start at the body. */
export function validateBatch(items: readonly unknown[]): {
  valid: ValidPackage[];
  rejected: RejectedPackage[];
} {
  const valid: ValidPackage[] = [];
  const rejected: RejectedPackage[] = [];
  items.forEach((item, index) => {
    const result = validatePackage(item);
    if (result.ok) {
      valid.push({ index, pkg: result.package, body: JSON.stringify(result.package) });
      return;
    }
    const id = (item as { id?: unknown } | null)?.id;
    rejected.push({
      index,
      ...(typeof id === 'string' ? { id } : {}),
      errors: result.errors
        .slice(0, MAX_ERRORS_PER_PACKAGE)
        .map((e) => ({ path: joinPath(`packages[${index}]`, e.path), message: e.message })),
    });
  });
  return { valid, rejected };
}

function joinPath(prefix: string, path: string): string {
  if (path === '') return prefix;
  return path.startsWith('[') ? `${prefix}${path}` : `${prefix}.${path}`;
}

function invalidBatch(path: string, message: string): ServerError {
  return new ServerError('FB_ERR_INVALID_BATCH', path ? `${path}: ${message}` : message, {
    details: [{ path, message }],
  });
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : typeof value;
}
