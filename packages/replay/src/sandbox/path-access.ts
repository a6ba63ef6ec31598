import { realpath, stat } from 'node:fs/promises';
import { dirname } from 'node:path';

/** A user the sandbox runs as, when that is not the orchestrator's own user. */
export interface SandboxIdentity {
  uid: number;
  gid: number;
}

export type AccessNeed = 'search' | 'read' | 'exec';

/**
 * Why `who` could not use `path` (and every directory above it), or `undefined` when it can.
 * Checks the mode bits the kernel checks for an identity with no supplementary groups and no
 * capabilities over the host's files, which is what a sandbox user is; ACLs are not read.
 */
export async function accessProblem(
  path: string,
  who: SandboxIdentity,
  need: AccessNeed,
): Promise<string | undefined> {
  let real: string;
  try {
    real = await realpath(path);
  } catch {
    return `${path} does not exist`;
  }
  const chain: string[] = [];
  for (let dir = dirname(real); ; dir = dirname(dir)) {
    chain.unshift(dir);
    if (dir === dirname(dir)) break;
  }
  for (const dir of chain) {
    if (!(await allows(dir, who, 0o1))) return `${dir} (above ${path}) is not searchable by uid ${who.uid}`;
  }
  const info = await stat(real);
  const bits = need === 'read' ? (info.isDirectory() ? 0o5 : 0o4) : 0o1;
  if (!(await allows(real, who, bits))) {
    const adjective = { read: 'readable', exec: 'executable', search: 'searchable' }[need];
    return `${path} is not ${adjective} by uid ${who.uid}`;
  }
  return undefined;
}

async function allows(path: string, who: SandboxIdentity, bits: number): Promise<boolean> {
  const info = await stat(path);
  const shift = info.uid === who.uid ? 6 : info.gid === who.gid ? 3 : 0;
  return ((info.mode >> shift) & bits) === bits;
}
