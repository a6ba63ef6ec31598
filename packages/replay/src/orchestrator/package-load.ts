/** Reads and checks an error package before anything is started for it. */
import { readFile } from 'node:fs/promises';
import { validatePackage } from '@flashback/protocol';
import type { ErrorPackage, HttpTrigger } from '@flashback/protocol/types';
import { ReproError } from '../runner/errors.js';

/**
 * A package from a file path, a parsed document or an already typed package.
 *
 * @throws ReproError `FB_REPRO_INVALID_PACKAGE` when it cannot be read, is not JSON (a truncated
 * file usually) or is not a valid error package; the message names the first problems.
 */
export async function loadPackage(input: unknown): Promise<ErrorPackage> {
  let document: unknown = input;
  if (typeof input === 'string') {
    let text: string;
    try {
      text = await readFile(input, 'utf8');
    } catch (error: unknown) {
      const why =
        (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
      throw new ReproError('FB_REPRO_INVALID_PACKAGE', `cannot read the package ${input}: ${why}`, {
        cause: error,
      });
    }
    try {
      document = JSON.parse(text);
    } catch (error: unknown) {
      throw new ReproError(
        'FB_REPRO_INVALID_PACKAGE',
        `${input} is not valid JSON (${(error as Error).message}); the file may be truncated`,
        { cause: error },
      );
    }
  }
  const result = validatePackage(document);
  if (!result.ok) {
    const shown = result.errors.slice(0, 5).map((e) => `${e.path || '(document)'}: ${e.message}`);
    const more = result.errors.length > 5 ? ` (and ${result.errors.length - 5} more)` : '';
    const what = typeof input === 'string' ? input : 'the input';
    throw new ReproError(
      'FB_REPRO_INVALID_PACKAGE',
      `${what} is not a valid error package: ${shown.join('; ')}${more}`,
    );
  }
  return result.package;
}

/**
 * @throws ReproError `FB_REPRO_NO_TRIGGER` for an error outside any request,
 * `FB_REPRO_UNSUPPORTED_TRIGGER` for a background job.
 */
export function replayableTrigger(pkg: ErrorPackage): HttpTrigger {
  const { trigger } = pkg;
  if (trigger === null) {
    throw new ReproError(
      'FB_REPRO_NO_TRIGGER',
      `package ${pkg.id} has no trigger: the error happened outside any request, so there is nothing to replay`,
    );
  }
  if (trigger.kind !== 'http') {
    throw new ReproError(
      'FB_REPRO_UNSUPPORTED_TRIGGER',
      `package ${pkg.id} was triggered by job ${trigger.name}; only HTTP requests can be replayed so far`,
    );
  }
  return trigger;
}
