import type { Debugger } from 'node:inspector';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isInApp } from '../../capture/stack-frames.js';
import type { PausedFrame } from './types.js';

/** A frame worth collecting, with the remote ids of the scopes whose variables it shows. */
export interface SelectedFrame {
  frame: PausedFrame;
  scopeObjectIds: string[];
}

/**
 * Scopes that hold what the frame itself declared. Closures are left out: they are shared by
 * every call of the function and often hold whole modules. `module` is taken only for module
 * top-level code, which has no `local` scope.
 */
const FRAME_SCOPES = new Set(['local', 'block', 'catch']);

/**
 * The URLs of in-app scripts by script id. Call frames no longer carry their URL (deprecated in
 * the protocol, empty in Node 20+), so it comes from `Debugger.scriptParsed`. Only in-app scripts
 * are kept, which bounds the map by the app's own files however much code is evaluated.
 */
export class InAppScripts {
  private readonly urls = new Map<string, string>();

  constructor(private readonly appRoot: string) {}

  /** Records a parsed script; returns whether it is in-app. */
  add(scriptId: string, url: string): boolean {
    const file = filePathOf(url);
    if (file === undefined || !isInApp(file, this.appRoot)) return false;
    this.urls.set(scriptId, url);
    return true;
  }

  urlOf(scriptId: string): string | undefined {
    return this.urls.get(scriptId);
  }
}

/**
 * Picks the in-app frames among the top `maxFrames` call frames of a pause. In-app means a file
 * under the app root and not under node_modules: `node:` internals, eval code and dependencies
 * are skipped, matching the `inApp` flag of parsed stack frames.
 */
export function selectFrames(
  callFrames: Debugger.CallFrame[],
  scripts: InAppScripts,
  maxFrames: number,
): SelectedFrame[] {
  const selected: SelectedFrame[] = [];
  for (const callFrame of callFrames.slice(0, maxFrames)) {
    const url = scripts.urlOf(callFrame.location.scriptId);
    if (url === undefined) continue;
    const scopeObjectIds = frameScopes(callFrame.scopeChain);
    if (scopeObjectIds.length === 0) continue;
    selected.push({
      frame: {
        function: callFrame.functionName || '<anonymous>',
        url,
        // The protocol counts from 0, stack traces from 1.
        line: callFrame.location.lineNumber + 1,
        column: (callFrame.location.columnNumber ?? 0) + 1,
        scopes: scopeObjectIds.length,
      },
      scopeObjectIds,
    });
  }
  return selected;
}

function frameScopes(scopeChain: Debugger.Scope[]): string[] {
  const ids: string[] = [];
  const hasLocal = scopeChain.some((scope) => scope.type === 'local');
  for (const scope of scopeChain) {
    const wanted = FRAME_SCOPES.has(scope.type) || (!hasLocal && scope.type === 'module');
    if (wanted && scope.object.objectId) ids.push(scope.object.objectId);
  }
  return ids;
}

/** The absolute path of a script URL, or undefined for anything that is not a file. */
export function filePathOf(url: string): string | undefined {
  if (url.startsWith('file://')) {
    try {
      return fileURLToPath(url);
    } catch {
      return undefined;
    }
  }
  return path.isAbsolute(url) ? url : undefined;
}
