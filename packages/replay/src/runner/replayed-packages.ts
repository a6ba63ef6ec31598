/** The error packages the replayed app wrote (the SDK runs in it with `FLASHBACK_OUTPUT_DIR`). */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ErrorPackage } from '@flashback/protocol/types';

/** Every complete package in `dir`; files still being written (or not packages) are skipped. */
export async function readReplayedPackages(dir: string): Promise<ErrorPackage[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
  } catch {
    return [];
  }
  const found: ErrorPackage[] = [];
  for (const name of names) {
    try {
      const value = JSON.parse(await readFile(join(dir, name), 'utf8')) as Partial<ErrorPackage>;
      if (typeof value.fingerprint === 'string' && value.error !== undefined)
        found.push(value as ErrorPackage);
    } catch {
      // Not complete yet, or not a package.
    }
  }
  return found.sort((a, b) => a.capturedAt.localeCompare(b.capturedAt));
}

/**
 * The replayed package that answers for the recorded failure: one with the same fingerprint if
 * any, else the first one captured for the replayed request, else the first one captured outside
 * any request (the app crashed). Packages of other requests (readiness probes) do not count.
 */
export function pickReplayed(
  packages: readonly ErrorPackage[],
  original: ErrorPackage,
): ErrorPackage | undefined {
  const relevant = packages.filter((p) => p.trigger === null || sameRequest(p, original));
  return (
    relevant.find((p) => p.fingerprint === original.fingerprint) ??
    relevant.find((p) => p.trigger !== null) ??
    relevant[0]
  );
}

function sameRequest(replayed: ErrorPackage, original: ErrorPackage): boolean {
  const a = replayed.trigger;
  const b = original.trigger;
  if (a === null || b === null || a.kind !== 'http' || b.kind !== 'http') return false;
  return a.method.toUpperCase() === b.method.toUpperCase() && a.url === b.url;
}
