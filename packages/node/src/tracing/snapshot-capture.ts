/**
 * Reads the stack and the local variables of every in-app frame while the thread is paused at a
 * snapshot line. Values are encoded on this thread by `encodeSafely` (no getters, no proxies, a
 * node budget), called through the inspector on each frame's scope object.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SnapshotFrame } from '@flashback/protocol/tracing';
import type { EncodedValue } from '@flashback/protocol/types';
import { isInApp } from '../capture/stack-frames.js';
import { type EncodeBudget, encodeSafely } from '../integrations/local-variables/safe-encode.js';
import { DEFAULT_LOCALS_LIMITS } from '../integrations/local-variables/types.js';
import type { SyncSession } from './sync-session.js';

interface CallFrame {
  callFrameId: string;
  functionName: string;
  location: { scriptId: string; lineNumber: number; columnNumber?: number };
  scopeChain: { type: string; object: { objectId?: string } }[];
}

const MAX_FRAMES = 30;
const LOCAL_SCOPES = new Set(['local', 'block', 'catch']);
export const COLLECT_GLOBAL = '__flashbackTracingCollect';

export function captureFrames(
  session: SyncSession,
  callFrames: readonly CallFrame[],
  appRoot: string,
  urlOf: (scriptId: string) => string,
): SnapshotFrame[] {
  const budget: EncodeBudget = { nodes: 2_000 };
  const frames: SnapshotFrame[] = [];
  for (const frame of callFrames.slice(0, MAX_FRAMES)) {
    const url = urlOf(frame.location.scriptId);
    const file = url ? fileURLToPath(url) : '';
    const inApp = file !== '' && isInApp(file, appRoot);
    const snapshot: SnapshotFrame = {
      function: frame.functionName || '<anonymous>',
      file: inApp ? path.relative(appRoot, file).replaceAll('\\', '/') : file,
      line: frame.location.lineNumber + 1,
      column: (frame.location.columnNumber ?? 0) + 1,
      inApp,
    };
    if (inApp && budget.nodes > 0) snapshot.locals = localsOf(session, frame, budget);
    frames.push(snapshot);
  }
  return frames;
}

function localsOf(
  session: SyncSession,
  frame: CallFrame,
  budget: EncodeBudget,
): Record<string, EncodedValue> {
  const locals: Record<string, EncodedValue> = {};
  const sink = (name: string, value: unknown) => {
    // `__fb$…` are the probe's own names (see probe-code.ts), not the host's.
    if (name.startsWith('__fb$') || name in locals || budget.nodes <= 0) return;
    locals[name] = encodeSafely(value, DEFAULT_LOCALS_LIMITS, budget);
  };
  (globalThis as Record<string, unknown>)[COLLECT_GLOBAL] = (scope: object) => {
    for (const name of Object.keys(scope)) {
      const descriptor = Object.getOwnPropertyDescriptor(scope, name);
      if (descriptor && 'value' in descriptor) sink(name, descriptor.value);
    }
  };
  try {
    // Innermost scope first, so a shadowing variable wins.
    for (const scope of frame.scopeChain) {
      if (!LOCAL_SCOPES.has(scope.type) || !scope.object.objectId) continue;
      session.post('Runtime.callFunctionOn', {
        objectId: scope.object.objectId,
        functionDeclaration: `function () { globalThis.${COLLECT_GLOBAL}(this); }`,
        silent: true,
      });
    }
  } finally {
    delete (globalThis as Record<string, unknown>)[COLLECT_GLOBAL];
  }
  return locals;
}
