import type { ErrorInfo, Frame } from '@flashback/protocol/types';
import { parseStack } from './stack-frames.js';

/** Locals captured at a throw site, one entry per in-app call frame. */
export interface ThrowSiteFrame {
  function: string;
  file: string;
  line: number;
  column: number;
  locals: NonNullable<Frame['locals']>;
}

export type LocalsLookup = (error: unknown) => ThrowSiteFrame[] | undefined;

const MAX_CAUSE_DEPTH = 5;

/** Describes a thrown value (Error or not), its frames with locals, and its cause chain. */
export function describeError(
  value: unknown,
  appRoot: string,
  lookupLocals: LocalsLookup,
  depth = 0,
): ErrorInfo {
  if (!(value instanceof Error)) {
    return {
      type: value === null ? 'null' : typeof value === 'object' ? 'Object' : 'NonError',
      message: safeString(value),
      frames: [],
    };
  }
  const frames = parseStack(value.stack, appRoot);
  attachLocals(frames, lookupLocals(value));
  const info: ErrorInfo = { type: errorType(value), message: value.message, frames };
  if (value.stack) info.stack = value.stack;
  const code = (value as { code?: unknown }).code;
  if (typeof code === 'string' || typeof code === 'number') info.code = String(code);
  if (value.cause !== undefined && depth < MAX_CAUSE_DEPTH) {
    info.cause = describeError(value.cause, appRoot, lookupLocals, depth + 1);
  }
  return info;
}

/** The class name, except where the name says more (DOMException carries TimeoutError, AbortError). */
function errorType(error: Error): string {
  const ctor = error.constructor?.name;
  if (ctor && ctor !== 'Error' && ctor !== 'DOMException') return ctor;
  return error.name || ctor || 'Error';
}

/**
 * Gives each parsed frame the locals captured at the same place. Matched by file and line, then by
 * file and function, since the error may have been constructed on another line than it was thrown.
 */
function attachLocals(frames: Frame[], captured: ThrowSiteFrame[] | undefined): void {
  if (!captured?.length) return;
  const unused = [...captured];
  for (const frame of frames) {
    if (!frame.inApp) continue;
    let index = unused.findIndex((c) => c.file === frame.file && c.line === frame.line);
    if (index < 0)
      index = unused.findIndex((c) => c.file === frame.file && sameFunction(frame.function, c.function));
    if (index < 0) continue;
    frame.locals = unused[index]!.locals;
    unused.splice(index, 1);
  }
}

/** Stack traces qualify method names (`Object.charge`, `Cart.total`); the debugger does not. */
function sameFunction(stackName: string, debuggerName: string): boolean {
  return stackName === debuggerName || stackName.endsWith(`.${debuggerName}`);
}

function safeString(value: unknown): string {
  try {
    return typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    return String(value);
  }
}
