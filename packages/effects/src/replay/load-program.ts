/**
 * Finds the pure logic a trace recorded. A trace names its program and the module that exported
 * it (relative to the app root); replay imports that module from the current checkout and takes
 * the exported program of that name. `app` overrides the module, e.g. to replay the fixed code.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type AnyProgram, isProgram } from '../core/program.js';
import { EffectsError } from '../errors.js';
import type { EffectTrace } from '../trace/trace-format.js';

export interface LoadProgramOptions {
  /** A module path (or `file:` URL) to load instead of the one the trace names. */
  app?: string;
  /** Where relative paths start. Default: `process.cwd()`. */
  cwd?: string;
}

/**
 * Candidates, in order: `app`; the recorded module under `cwd`; the recorded module under the
 * recorded app root; a recorded URL as is.
 *
 * @example
 * const program = await loadProgram(trace, { app: 'dist/checkout-fixed.js' });
 */
export async function loadProgram(trace: EffectTrace, options: LoadProgramOptions = {}): Promise<AnyProgram> {
  const cwd = options.cwd ?? process.cwd();
  const candidates = moduleCandidates(trace, options.app, cwd);
  if (candidates.length === 0) {
    throw notFound(trace, `the trace names no module; pass the module that exports it (--app <module>)`);
  }
  const specifier = candidates.find((c) => !c.startsWith('file:') || existsSync(new URL(c)));
  if (!specifier)
    throw notFound(trace, `none of these exists: ${candidates.join(', ')}; pass --app <module>`);
  let exports: Record<string, unknown>;
  try {
    exports = (await import(specifier)) as Record<string, unknown>;
  } catch (error) {
    throw new EffectsError(
      'FB_EFFECTS_PROGRAM_NOT_FOUND',
      `could not load ${specifier}: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  const programs = Object.values(exports).filter(isProgram);
  const program = programs.find((p) => p.name === trace.program.name);
  if (program) return program;
  const found = programs.map((p) => JSON.stringify(p.name)).join(', ') || 'none';
  throw notFound(
    trace,
    `${specifier} exports no program named ${JSON.stringify(trace.program.name)} (programs: ${found})`,
  );
}

function moduleCandidates(trace: EffectTrace, app: string | undefined, cwd: string): string[] {
  if (app) return [toSpecifier(app, cwd)];
  const recorded = trace.program.module;
  if (!recorded) return [];
  if (/^[a-z][a-z\d+.-]*:/i.test(recorded)) return [recorded];
  return [toSpecifier(recorded, cwd), toSpecifier(recorded, trace.runtime.appRoot)];
}

function toSpecifier(module: string, base: string): string {
  if (/^[a-z][a-z\d+.-]*:/i.test(module) && !/^[a-z]:[\\/]/i.test(module)) return module;
  return pathToFileURL(path.resolve(base, module)).href;
}

function notFound(trace: EffectTrace, reason: string): EffectsError {
  return new EffectsError(
    'FB_EFFECTS_PROGRAM_NOT_FOUND',
    `cannot find program ${JSON.stringify(trace.program.name)}: ${reason}`,
  );
}
