import Module from 'node:module';
import { debug } from '../debug-logger.js';
import { safeExecute } from './safe-execute.js';

/**
 * Patches CommonJS packages as they load, without importing them ourselves. Hooks
 * `Module._load`, which serves both `require()` and ESM `import` of a CommonJS package (the ESM
 * loader hands the package's absolute path to it), and also patches copies already in the
 * require cache when the SDK starts late.
 */
type Patch = (exports: unknown) => void;

interface Hook {
  packageName: string;
  patch: Patch;
}

interface ModuleInternals {
  _load: (request: string, parent: unknown, isMain: boolean) => unknown;
  _cache: Record<string, { exports: unknown } | undefined>;
}

const internals = Module as unknown as ModuleInternals;
const hooks: Hook[] = [];
let installed = false;
let originalLoad: ModuleInternals['_load'] | undefined;

function matches(request: string, packageName: string): boolean {
  return request === packageName || request.includes(`/node_modules/${packageName}/`);
}

export function onPackageLoad(packageName: string, patch: Patch): void {
  hooks.push({ packageName, patch });
  install();
  for (const [filename, cached] of Object.entries(internals._cache)) {
    if (cached && filename.includes(`/node_modules/${packageName}/`)) {
      safeExecute(`patching ${packageName}`, () => patch(cached.exports));
    }
  }
}

function install(): void {
  if (installed) return;
  installed = true;
  originalLoad = internals._load;
  const load = originalLoad;
  internals._load = function flashbackLoad(this: unknown, request, parent, isMain) {
    const exports = load.call(this, request, parent, isMain);
    if (typeof request === 'string') {
      for (const hook of hooks) {
        if (matches(request, hook.packageName)) {
          debug.log(`instrumenting ${hook.packageName}`);
          safeExecute(`patching ${hook.packageName}`, () => hook.patch(exports));
        }
      }
    }
    return exports;
  };
}

export function uninstallModuleHooks(): void {
  if (originalLoad) internals._load = originalLoad;
  installed = false;
  hooks.length = 0;
}
