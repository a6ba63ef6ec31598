/** The installed packages an app or a library needs at run time, found as Node would find them. */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Every path to copy so that `roots` run elsewhere at the same paths: the roots themselves, and for
 * each root holding a `package.json` its dependencies (including optional and peer ones that are
 * installed), transitively, each at the `node_modules` path Node resolves it from and, where that
 * is a symlink (a workspace package), at its real path too. Dev dependencies are left out.
 */
export function dependencyClosure(roots: readonly string[]): string[] {
  const paths = new Set<string>();
  const visited = new Set<string>();
  const visit = (dir: string): void => {
    const real = realpathSync(dir);
    if (visited.has(real)) return;
    visited.add(real);
    paths.add(real);
    for (const name of runtimeDependencies(real)) {
      const found = resolvePackage(name, real);
      if (found === undefined) continue;
      paths.add(found);
      visit(found);
    }
  };
  for (const root of roots) {
    paths.add(root);
    if (existsSync(join(root, 'package.json'))) visit(root);
    else paths.add(realpathSync(root));
  }
  return [...paths].sort();
}

function runtimeDependencies(dir: string): string[] {
  let manifest: Record<string, unknown>;
  try {
    manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
  } catch {
    return [];
  }
  const names = new Set<string>();
  for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies']) {
    const deps = manifest[field];
    if (typeof deps === 'object' && deps !== null) for (const name of Object.keys(deps)) names.add(name);
  }
  return [...names];
}

/** `<ancestor>/node_modules/<name>` nearest to `from`, as Node's resolution walks up. */
function resolvePackage(name: string, from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}
