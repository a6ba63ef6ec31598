/** The host paths a reproduction's sandbox reads: the app, the SDK, the runner, the PGlite template. */
import { dirname, resolve } from 'node:path';
import { ensurePgliteTemplate } from '../runner/pglite-template.js';
import { runnerEntry } from './runner-entry.js';
import { locateSdkRegister } from './sdk-locate.js';

export interface ReadableInput {
  appDir: string;
  sdkRegister: string;
  runner: string;
  pgliteTemplate?: string | undefined;
}

export function readablePaths(input: ReadableInput): string[] {
  return [
    input.appDir,
    packageRoot(input.sdkRegister),
    packageRoot(input.runner),
    ...(input.pgliteTemplate === undefined ? [] : [input.pgliteTemplate]),
  ];
}

/**
 * What a microVM image for reproductions of the app in `appDir` holds (a microVM run always
 * carries the PGlite template, so one image serves every package of the app).
 *
 * @example
 * const image = await new MicrovmDriver().image(await reproductionImagePaths('examples/checkout'));
 */
export async function reproductionImagePaths(appDir: string): Promise<string[]> {
  const dir = resolve(appDir);
  return readablePaths({
    appDir: dir,
    sdkRegister: locateSdkRegister(dir),
    runner: runnerEntry(),
    pgliteTemplate: await ensurePgliteTemplate(),
  });
}

/** The package directory of a file inside `<package>/dist/...`. */
function packageRoot(file: string): string {
  const dir = dirname(file);
  const dist = dir.lastIndexOf('/dist');
  return dist > 0 ? dir.slice(0, dist) : dir;
}
