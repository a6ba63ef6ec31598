import type { z } from 'zod';
import { ErrorPackageSchema } from './schema.js';
import type { ErrorPackage } from './types.js';

export interface ValidationIssue {
  /** JSON path of the offending value, e.g. `timeline[3].seq`; empty for the document itself. */
  path: string;
  /** What was expected there. */
  message: string;
}

export type ValidationResult = { ok: true; package: ErrorPackage } | { ok: false; errors: ValidationIssue[] };

/**
 * Checks that `json` is a well-formed error package.
 *
 * @example
 * const result = validatePackage(JSON.parse(text));
 * if (!result.ok) for (const e of result.errors) console.error(`${e.path}: ${e.message}`);
 */
export function validatePackage(json: unknown): ValidationResult {
  const parsed = ErrorPackageSchema.safeParse(json);
  if (parsed.success) return { ok: true, package: parsed.data as ErrorPackage };
  return { ok: false, errors: parsed.error.issues.map(toValidationIssue) };
}

export function formatJsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'string' && /^[A-Za-z_$][\w$]*$/.test(segment))
      out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out;
}

function toValidationIssue(issue: z.core.$ZodIssue): ValidationIssue {
  return { path: formatJsonPath(issue.path), message: issue.message };
}
