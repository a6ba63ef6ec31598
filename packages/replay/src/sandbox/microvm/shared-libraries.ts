/** The shared libraries a dynamically linked binary loads, as `ldd` lists them. */
import { execFileSync } from 'node:child_process';
import { realpathSync } from 'node:fs';

/** Each library at the path the loader opens and, where that is a symlink, at its target. */
export function sharedLibraries(binary: string): string[] {
  let output: string;
  try {
    output = execFileSync('ldd', [binary], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    // Statically linked ("not a dynamic executable" exits non-zero): nothing to copy.
    return [];
  }
  const libraries = new Set<string>();
  for (const line of output.split('\n')) {
    // "libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x...)" or "/lib64/ld-linux-x86-64.so.2 (0x...)"
    const match = /(?:=>\s*)?(\/\S+)\s+\(0x/.exec(line);
    if (match?.[1] === undefined) continue;
    libraries.add(match[1]);
    libraries.add(realpathSync(match[1]));
  }
  return [...libraries];
}
