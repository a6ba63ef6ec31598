import { type ErrorPackage, validatePackage } from '@flashback/protocol';
import { type ErrorDetail, ServerError } from '../app/server-errors.js';
import { scanBatch } from './batch-scan.js';

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
  /** The package as JSON: the client's own text when the scan placed it. */
  body: string;
}

/** The packages of a batch as parsed, with where each one's text is when the scan could tell. */
export interface ParsedBatch {
  items: unknown[];
  text: string;
  spans: [number, number][] | undefined;
}

/** Parses `{"packages": [...]}`; a 400/413 `ServerError` for anything else. */
export function parseBatch(text: string, limits: BatchLimits): ParsedBatch {
  const scan = scanBatch(text, limits.maxJsonDepth);
  if (scan.tooDeep) {
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
  const spans = scan.packages?.length === packages.length ? scan.packages : undefined;
  return { items: packages, text, spans };
}

/**
 * Validates every package against the protocol schema; paths in errors start at the body. A valid
 * package is kept as the text the client sent (fields this server does not know yet included),
 * or serialized again when the scan could not place it.
 */
export function validateBatch({ items, text, spans }: ParsedBatch): {
  valid: ValidPackage[];
  rejected: RejectedPackage[];
} {
  const valid: ValidPackage[] = [];
  const rejected: RejectedPackage[] = [];
  items.forEach((item, index) => {
    const result = validatePackage(item);
    if (result.ok) {
      const span = spans?.[index];
      const body = span ? text.slice(span[0], span[1]) : JSON.stringify(result.package);
      valid.push({ index, pkg: result.package, body });
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
