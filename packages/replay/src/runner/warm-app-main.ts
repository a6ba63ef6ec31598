/**
 * The app's Node process, loaded ahead (see warm-app.ts):
 * `node [app's node flags] warm-app-main.js <app dir> <SDK register> <entry> [args]`.
 *
 * Loads the SDK's modules without starting it and `require`s each dependency of the app's
 * package.json (a CommonJS copy in the require cache serves a later `import` of the same file;
 * the SDK patches cached copies when it starts). Then reads `{ env, cwd }` as one JSON line on
 * stdin, takes that environment as its own, runs what `NODE_OPTIONS` preloads (the SDK, which
 * reads its configuration now) and runs the entry as Node's main module, as `node <entry>` would.
 * A dependency that fails to load is left to the app, which loads it again and sees the error.
 */
import { readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { preloadsOf, WARM_APP_READY_LINE, type WarmAppStart } from './warm-app.js';

const [appDir, sdkRegister, entry, ...args] = process.argv.slice(2);
if (appDir === undefined || sdkRegister === undefined || entry === undefined) {
  process.stderr.write('usage: warm-app-main.js <app dir> <SDK register> <entry> [args]\n');
  process.exit(2);
}

// The SDK's modules: register.js starts the SDK; the module graph beside it loads without doing so.
await import(new URL('./sdk.js', pathToFileURL(sdkRegister)).href).catch(() => undefined);
loadDependencies(appDir);
process.stderr.write(`${WARM_APP_READY_LINE}\n`);

const start = await readStart();
for (const name of Object.keys(process.env)) delete process.env[name];
Object.assign(process.env, start.env);
process.chdir(start.cwd);
const main = resolve(start.cwd, entry);
process.argv = [process.execPath, main, ...args];
// Absolute paths only: the runner checked (see warmStartBlocker).
for (const preload of preloadsOf(start.env.NODE_OPTIONS) ?? []) await import(pathToFileURL(preload).href);
// Node's own entry point: a CommonJS entry becomes `require.main`, an ES module is imported.
(Module as unknown as { runMain(main?: string): void }).runMain(main);

function loadDependencies(dir: string): void {
  let dependencies: Record<string, string> = {};
  try {
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    dependencies = manifest.dependencies ?? {};
  } catch {
    return;
  }
  const load = createRequire(join(dir, 'package.json'));
  for (const name of Object.keys(dependencies)) {
    if (name.startsWith('@flashback/')) continue;
    try {
      load(name);
    } catch {
      // ES-module-only packages, or ones that fail without the run's configuration.
    }
  }
}

async function readStart(): Promise<WarmAppStart> {
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    lines.close();
    // The app reads nothing from the runner: as a cold start's stdin, this one is closed.
    process.stdin.destroy();
    return JSON.parse(line) as WarmAppStart;
  }
  process.exit(0); // the runner discarded this process
}
