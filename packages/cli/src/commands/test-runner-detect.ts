/** Which test runner the app uses, read off its package.json: Vitest where it has it, else node:test. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { WorkflowError } from './workflow-errors.js';

export type TestRunner = 'vitest' | 'node';

interface AppManifest {
  type?: string;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

export async function readAppManifest(appDir: string): Promise<AppManifest> {
  const file = join(appDir, 'package.json');
  try {
    return JSON.parse(await readFile(file, 'utf8')) as AppManifest;
  } catch (error: unknown) {
    const why =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new WorkflowError('FB_CLI_BAD_INPUT', `cannot read the app's ${file}: ${why}`);
  }
}

export function detectRunner(manifest: AppManifest): TestRunner {
  const declared = { ...manifest.dependencies, ...manifest.devDependencies };
  if ('vitest' in declared) return 'vitest';
  return Object.values(manifest.scripts ?? {}).some((script) => /\bvitest\b/.test(script))
    ? 'vitest'
    : 'node';
}
