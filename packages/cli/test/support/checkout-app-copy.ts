/**
 * A copy of examples/checkout in a temp directory, as a user's repository would hold it: its own
 * package.json (declaring the test runner or not) and the workspace's node_modules linked in.
 */
import { cp, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { REPO_ROOT } from './run-cli.js';

export async function copyCheckoutApp(dir: string, devDependencies: Record<string, string>): Promise<string> {
  const source = join(REPO_ROOT, 'examples/checkout');
  for (const part of ['src', 'stand-ins', 'requests', 'flashback.config.json']) {
    await cp(join(source, part), join(dir, part), { recursive: true });
  }
  const manifest = JSON.parse(await readFile(join(source, 'package.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  await writeFile(join(dir, 'package.json'), JSON.stringify({ ...manifest, devDependencies }, null, 2));
  await symlink(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}
