/**
 * Frames for the error package from a V8 stack. The library's own frames (interpreter, pipeline)
 * are never in-app: the fingerprint should follow the service's logic, not the machinery.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Frame } from '@flashback/protocol/types';

const FRAME_LINE = /^\s*at (?:(.+?) \((.+?)(?::(\d+))?(?::(\d+))?\)|(.+?)(?::(\d+))?(?::(\d+))?)$/;
// The library's source or build directory (src/ or dist/), one level above this module.
const LIBRARY_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function parseStack(stack: string | undefined, appRoot: string): Frame[] {
  if (!stack) return [];
  const frames: Frame[] = [];
  for (const line of stack.split('\n')) {
    if (!line.trimStart().startsWith('at ')) continue;
    const match = FRAME_LINE.exec(line);
    if (!match) continue;
    const file = toPath(match[2] ?? match[5] ?? '');
    const frame: Frame = {
      function:
        (match[1] ?? '<anonymous>').replace(/^async /, '').replace(/ \[as [^\]]+\]$/, '') || '<anonymous>',
      file,
      module: moduleOf(file, appRoot),
      inApp: isInApp(file, appRoot),
    };
    const lineNumber = Number(match[3] ?? match[6]);
    const column = Number(match[4] ?? match[7]);
    if (Number.isInteger(lineNumber)) frame.line = lineNumber;
    if (Number.isInteger(column)) frame.column = column;
    frames.push(frame);
  }
  return frames;
}

function toPath(location: string): string {
  if (!location.startsWith('file://')) return location;
  try {
    return fileURLToPath(location);
  } catch {
    return location;
  }
}

function moduleOf(file: string, appRoot: string): string {
  const normalized = file.replaceAll('\\', '/');
  const nodeModules = normalized.lastIndexOf('/node_modules/');
  if (nodeModules >= 0) return normalized.slice(nodeModules + '/node_modules/'.length);
  if (!path.isAbsolute(file)) return normalized;
  const relative = path.relative(appRoot, file).replaceAll('\\', '/');
  return relative.startsWith('..') ? path.basename(file) : relative;
}

function isInApp(file: string, appRoot: string): boolean {
  if (!path.isAbsolute(file) || file.includes(`${path.sep}node_modules${path.sep}`)) return false;
  if (isInside(file, LIBRARY_DIR)) return false;
  return isInside(file, appRoot);
}

function isInside(file: string, dir: string): boolean {
  const relative = path.relative(dir, file);
  return !relative.startsWith('..') && !path.isAbsolute(relative);
}
