/** Where the runner's compiled entry is, for the sandbox's command line. */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ReproError } from '../runner/errors.js';

/**
 * The compiled `runner/runner-main.js` beside this module; from the TypeScript sources (tests),
 * the one in `dist`, since the sandbox runs plain `node`.
 */
export function runnerEntry(): string {
  const candidates = [
    new URL('../runner/runner-main.js', import.meta.url),
    new URL('../../dist/runner/runner-main.js', import.meta.url),
  ].map((url) => fileURLToPath(url));
  const found = candidates.find((path) => existsSync(path));
  if (found === undefined) {
    throw new ReproError(
      'FB_REPRO_RUNNER_FAILED',
      `the runner is not built (looked for ${candidates.join(', ')}); run tsc -b`,
    );
  }
  return found;
}
