/** Moving a work directory's files in and out of a guest, as a map of relative path to content. */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { SandboxError } from '../errors.js';
import type { FileMap } from './agent-protocol.js';

/** Every regular file under `dir` (outside `exclude`), base64. */
export async function readFileMap(dir: string, exclude?: string): Promise<FileMap> {
  const files: FileMap = {};
  const walk = async (at: string): Promise<void> => {
    for (const entry of await readdir(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (path === exclude) continue;
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) files[relative(dir, path)] = (await readFile(path)).toString('base64');
    }
  };
  await walk(dir);
  return files;
}

/**
 * Writes what a guest sent back into `dir`. The guest is not trusted: a name that would land
 * outside `dir` (absolute, or climbing with `..`) is refused.
 *
 * @throws SandboxError `FB_SANDBOX_VM_FAILED` for such a name.
 */
export async function writeFileMap(dir: string, files: FileMap): Promise<void> {
  const root = resolve(dir);
  for (const [name, base64] of Object.entries(files)) {
    const path = resolve(root, name);
    if (!path.startsWith(`${root}${sep}`)) {
      throw new SandboxError(
        'FB_SANDBOX_VM_FAILED',
        `the guest sent back a file outside its work directory: ${JSON.stringify(name)}`,
      );
    }
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, Buffer.from(base64, 'base64'));
  }
}
