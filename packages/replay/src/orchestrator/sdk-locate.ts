/** Finds `@flashback/node/register`, the preload that captures the replayed failure. */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ReproError } from '../runner/errors.js';

const SPECIFIER = '@flashback/node/register';

/**
 * The app's own copy first (the version it runs in production), else the one installed beside
 * Flashback.
 *
 * @throws ReproError `FB_REPRO_SDK_NOT_FOUND` when neither resolves.
 */
export function locateSdkRegister(appDir: string): string {
  for (const base of [join(appDir, 'package.json'), import.meta.url]) {
    try {
      return createRequire(base).resolve(SPECIFIER);
    } catch {
      // Try the next place.
    }
  }
  throw new ReproError(
    'FB_REPRO_SDK_NOT_FOUND',
    `cannot find ${SPECIFIER} from ${appDir} or from Flashback: install @flashback/node in the app`,
  );
}
