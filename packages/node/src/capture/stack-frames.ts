import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Frame } from '@flashback/protocol/types';

/** A stack line: `at fn (file:line:col)`, `at file:line:col`, `at async fn (...)`, `at new Foo (...)`. */
const FRAME_LINE = /^\s*at (?:(.+?) \((.+?)(?::(\d+))?(?::(\d+))?\)|(.+?)(?::(\d+))?(?::(\d+))?)$/;

/**
 * Parses a V8 stack trace into frames, innermost first, and places each one: its module path
 * relative to the app root (or `package/path` inside node_modules), and whether it is in-app.
 */
export function parseStack(stack: string | undefined, appRoot: string): Frame[] {
  if (!stack) return [];
  const frames: Frame[] = [];
  for (const line of stack.split('\n')) {
    const match = FRAME_LINE.exec(line);
    if (!match || !line.trimStart().startsWith('at ')) continue;
    const fn = match[1] ?? '<anonymous>';
    const location = match[2] ?? match[5] ?? '';
    const lineNumber = match[3] ?? match[6];
    const column = match[4] ?? match[7];
    frames.push(placeFrame(cleanFunctionName(fn), location, toInt(lineNumber), toInt(column), appRoot));
  }
  return frames;
}

export function placeFrame(
  fn: string,
  location: string,
  line: number | undefined,
  column: number | undefined,
  appRoot: string,
): Frame {
  const file = toFilePath(location);
  const frame: Frame = { function: fn, file, module: moduleOf(file, appRoot), inApp: isInApp(file, appRoot) };
  if (line !== undefined) frame.line = line;
  if (column !== undefined) frame.column = column;
  return frame;
}

function cleanFunctionName(name: string): string {
  const trimmed = name.replace(/^async /, '').replace(/ \[as [^\]]+\]$/, '');
  return trimmed || '<anonymous>';
}

function toFilePath(location: string): string {
  if (location.startsWith('file://')) {
    try {
      return fileURLToPath(location);
    } catch {
      return location;
    }
  }
  return location;
}

/** Module path without machine-specific parts, so fingerprints hold across hosts and deploys. */
export function moduleOf(file: string, appRoot: string): string {
  const normalized = file.replaceAll('\\', '/');
  const nodeModules = normalized.lastIndexOf('/node_modules/');
  if (nodeModules >= 0) return normalized.slice(nodeModules + '/node_modules/'.length);
  if (!path.isAbsolute(file)) return normalized;
  const relative = path.relative(appRoot, file).replaceAll('\\', '/');
  return relative.startsWith('..') ? path.basename(file) : relative;
}

export function isInApp(file: string, appRoot: string): boolean {
  if (!path.isAbsolute(file)) return false;
  if (file.includes(`${path.sep}node_modules${path.sep}`)) return false;
  const relative = path.relative(appRoot, file);
  return !relative.startsWith('..') && !path.isAbsolute(relative);
}

function toInt(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number.parseInt(value, 10);
  return Number.isFinite(n) ? n : undefined;
}
