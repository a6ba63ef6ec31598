import { isAbsolute } from 'node:path';
import { SandboxError } from './errors.js';
import { validateHosts } from './hosts-file.js';
import type { SandboxSpec } from './sandbox-types.js';

/** Default bound on each output stream kept in a {@link SandboxResult}. */
export const DEFAULT_MAX_OUTPUT_BYTES = 8 * 1024 * 1024;

/**
 * Rejects a spec no driver could run faithfully, before anything is spawned, so a caller gets
 * one clear message instead of a half-started sandbox.
 */
export function validateSpec(spec: SandboxSpec): void {
  const problems: string[] = [];
  if (spec.command.length === 0 || spec.command[0] === '') problems.push('command is empty');
  for (const [name, path] of [
    ['cwd', spec.cwd],
    ['workDir', spec.workDir],
    ...spec.binds.map((b): [string, string] => ['bind', b.path]),
  ] as const) {
    if (!isAbsolute(path)) problems.push(`${name} must be an absolute path, got "${path}"`);
  }
  if (!(spec.timeLimitMs > 0) || !Number.isFinite(spec.timeLimitMs)) {
    problems.push(`timeLimitMs must be a positive number, got ${spec.timeLimitMs}`);
  }
  for (const [name, value] of [
    ['memoryLimitMb', spec.memoryLimitMb],
    ['maxProcesses', spec.maxProcesses],
    ['maxOutputBytes', spec.maxOutputBytes],
  ] as const) {
    if (value !== undefined && !(Number.isInteger(value) && value > 0)) {
      problems.push(`${name} must be a positive integer, got ${value}`);
    }
  }
  for (const [key, value] of Object.entries(spec.env)) {
    if (key === '' || key.includes('=') || key.includes('\0') || value.includes('\0')) {
      problems.push(`env entry "${key}" is not a valid environment variable`);
    }
  }
  if (problems.length > 0) {
    throw new SandboxError('FB_SANDBOX_INVALID_SPEC', `invalid sandbox spec: ${problems.join('; ')}`);
  }
  validateHosts(spec.hosts);
}
