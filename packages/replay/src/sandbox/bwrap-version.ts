import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/** `bwrap --version` as `x.y.z`, or `undefined` when it cannot be run or read. */
export async function bwrapVersion(path: string): Promise<string | undefined> {
  try {
    const { stdout } = await promisify(execFile)(path, ['--version'], { timeout: 5000 });
    return /(\d+\.\d+\.\d+)/.exec(stdout)?.[1];
  } catch {
    return undefined;
  }
}

/** Negative, zero or positive as `version` is below, at or above `minimum`. */
export function compareVersions(version: string, minimum: readonly number[]): number {
  const parts = version.split('.').map(Number);
  for (let i = 0; i < minimum.length; i++) {
    const difference = (parts[i] ?? 0) - (minimum[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}
