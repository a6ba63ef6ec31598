import inspector from 'node:inspector';
import { fileURLToPath } from 'node:url';
import type { EncodedValue } from '@flashback/protocol/types';
import { getRequestContext, type RequestContext } from '../../context/request-context.js';
import { debug } from '../../debug-logger.js';
import { type EncodeBudget, encodeSafely } from './safe-encode.js';
import {
  type CapturedFrame,
  type HookPayload,
  LOCALS_HOOK_KEY,
  type LocalsLimits,
  type ThrowSiteCapture,
} from './types.js';

/** Keyed by the thrown object, so a capture lives exactly as long as its error. */
const captures = new WeakMap<object, ThrowSiteCapture>();

const hookKey = Symbol.for(LOCALS_HOOK_KEY);

/** What the hook answers; `debuggerAttached` tells the worker to step aside. */
interface HookReply {
  debuggerAttached: boolean;
}

type LocalsHook = ((error: unknown, payload: HookPayload, scopes: unknown[]) => HookReply | false) & {
  debuggerAttached(): boolean;
};

/**
 * Installs the global the inspector worker calls while the main thread is paused at a throw. The
 * hook runs at the throw site itself, so besides encoding the frames' scopes it sees the request
 * context the failing code ran in. The first capture of an object wins: a rethrow, or the same
 * error thrown again further up, must not replace the locals of where it was first thrown.
 */
export function installLocalsHook(limits: LocalsLimits): void {
  const hook = ((error: unknown, payload: HookPayload, scopes: unknown[]) => {
    const debuggerAttached = inspector.url() !== undefined;
    try {
      if (typeof error !== 'object' || error === null || captures.has(error)) return { debuggerAttached };
      const context = getRequestContext();
      captures.set(error, { frames: encodeFrames(payload, scopes, limits), context });
      context?.noteThrown(error);
    } catch (failure) {
      debug.warn('local variables: encoding failed', failure);
    }
    return { debuggerAttached };
  }) as LocalsHook;
  hook.debuggerAttached = () => inspector.url() !== undefined;
  Object.defineProperty(globalThis, hookKey, {
    value: hook,
    configurable: true,
    writable: true,
    enumerable: false,
  });
}

export function uninstallLocalsHook(): void {
  delete (globalThis as Record<symbol, unknown>)[hookKey];
}

function encodeFrames(payload: HookPayload, scopes: unknown[], limits: LocalsLimits): CapturedFrame[] {
  const budget: EncodeBudget = { nodes: limits.maxNodes };
  const frames: CapturedFrame[] = [];
  let next = 0;
  for (const frame of payload.frames) {
    const frameScopes = scopes.slice(next, next + frame.scopes);
    next += frame.scopes;
    frames.push({
      function: frame.function,
      file: toPath(frame.url),
      url: frame.url,
      line: frame.line,
      column: frame.column,
      locals: encodeScopes(frameScopes, limits, budget),
    });
  }
  return frames;
}

/** Scopes come innermost first; an inner variable shadows an outer one of the same name. */
function encodeScopes(
  scopes: unknown[],
  limits: LocalsLimits,
  budget: EncodeBudget,
): Record<string, EncodedValue> {
  const locals: Record<string, EncodedValue> = {};
  let count = 0;
  for (const scope of scopes) {
    if (typeof scope !== 'object' || scope === null) continue;
    for (const name of Object.keys(scope)) {
      if (Object.hasOwn(locals, name)) continue;
      if (count++ >= limits.maxBreadth) return locals;
      const descriptor = Object.getOwnPropertyDescriptor(scope, name);
      locals[name] =
        descriptor && 'value' in descriptor
          ? encodeSafely(descriptor.value, limits, budget)
          : { $fb: 'undefined' };
    }
  }
  return locals;
}

function toPath(url: string): string {
  if (!url.startsWith('file://')) return url;
  try {
    return fileURLToPath(url);
  } catch {
    return url;
  }
}

/**
 * The locals captured where `error` was first thrown, one entry per in-app frame, innermost first;
 * undefined when nothing was captured (capture off, not ready yet, rate-limited, non-object
 * throw, or no in-app frame). For a wrapped error, ask again with its `cause`.
 *
 * @example
 * process.on('uncaughtExceptionMonitor', (error) => {
 *   const frames = getLocalsForError(error); // [{ function, file, line, column, locals }]
 * });
 */
export function getLocalsForError(error: unknown): CapturedFrame[] | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  return captures.get(error)?.frames;
}

/**
 * The request context that was active where `error` was first thrown: for errors that surface
 * outside the request (an unhandled rejection, a crash) this still names the request they belong to.
 */
export function getContextAtThrow(error: unknown): RequestContext | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  return captures.get(error)?.context;
}
