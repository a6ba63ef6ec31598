/** Checks an app spec on the host, before a sandbox is started for it. */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ReproError } from '../runner/errors.js';
import type { AppSpec } from '../runner/job-types.js';

/**
 * Returns the spec with `dir` made absolute.
 *
 * @throws ReproError `FB_REPRO_INVALID_APP` naming what is wrong.
 */
export async function checkAppSpec(app: AppSpec): Promise<AppSpec> {
  const dir = resolve(app.dir);
  const info = await stat(dir).catch(() => undefined);
  if (info === undefined || !info.isDirectory()) {
    throw new ReproError(
      'FB_REPRO_INVALID_APP',
      `the app directory ${dir} does not exist or is not a directory`,
    );
  }
  if (app.start.trim() === '') {
    throw new ReproError(
      'FB_REPRO_INVALID_APP',
      'the start command is empty; give the command that starts the app',
    );
  }
  if (app.port !== undefined && !(Number.isInteger(app.port) && app.port > 0 && app.port <= 65535)) {
    throw new ReproError('FB_REPRO_INVALID_APP', `the app port ${app.port} is not a TCP port (1-65535)`);
  }
  if (app.readyPath !== undefined && !app.readyPath.startsWith('/')) {
    throw new ReproError('FB_REPRO_INVALID_APP', `the ready path ${app.readyPath} must start with /`);
  }
  return { ...app, dir };
}
