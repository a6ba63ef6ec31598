/**
 * Where a probe can go on a line: before the outermost statement that starts on it, inside a
 * statement list (a block, a function body, a switch case, the module), so that inserting
 * `probe;` in front of it keeps the program valid and runs just before that statement.
 */
import { type Node, parse } from 'acorn';

export interface InsertionPoint {
  /** Offset in the script source. */
  offset: number;
  /** 1-based line of the statement (the requested line). */
  line: number;
}

export class LocationError extends Error {
  override readonly name = 'LocationError';
}

// biome-ignore lint/suspicious/noExplicitAny: acorn types nodes loosely; the walk checks `type` first.
type AnyNode = Node & Record<string, any>;

const LIST_KEYS: Record<string, string> = {
  Program: 'body',
  BlockStatement: 'body',
  StaticBlock: 'body',
  SwitchCase: 'consequent',
};

/** @throws LocationError when no statement starts on `line` (naming the nearest lines that have one) */
export function insertionPoint(source: string, line: number, file: string): InsertionPoint {
  const ast = parseScript(source, file);
  const starts: { line: number; offset: number }[] = [];
  walk(ast, (node) => {
    const key = LIST_KEYS[node.type];
    if (!key) return;
    for (const statement of node[key] as AnyNode[]) {
      if (statement.directive !== undefined) continue; // inserting before 'use strict' would void it
      starts.push({ line: statement.loc?.start.line ?? 0, offset: statement.start as number });
    }
  });
  const onLine = starts.filter((s) => s.line === line).sort((a, b) => a.offset - b.offset)[0];
  if (onLine) return { offset: onLine.offset, line };
  const before = starts.filter((s) => s.line < line).map((s) => s.line);
  const after = starts.filter((s) => s.line > line).map((s) => s.line);
  const nearest = [
    before.length ? Math.max(...before) : undefined,
    after.length ? Math.min(...after) : undefined,
  ]
    .filter((n) => n !== undefined)
    .join(' and ');
  throw new LocationError(
    `line ${line} of ${file} has no statement to place an action at${nearest ? `; the nearest lines with one are ${nearest}` : ''}`,
  );
}

function parseScript(source: string, file: string): AnyNode {
  const options = {
    ecmaVersion: 'latest' as const,
    allowHashBang: true,
    allowReturnOutsideFunction: true,
    allowAwaitOutsideFunction: true,
    locations: true,
  };
  try {
    return parse(source, { ...options, sourceType: 'module' }) as AnyNode;
  } catch {
    try {
      return parse(source, { ...options, sourceType: 'script' }) as AnyNode;
    } catch (error: unknown) {
      throw new LocationError(`${file} could not be parsed: ${(error as Error).message}`);
    }
  }
}

function walk(node: AnyNode, visit: (node: AnyNode) => void): void {
  visit(node);
  for (const key of Object.keys(node)) {
    const child = node[key];
    if (Array.isArray(child)) {
      for (const item of child) if (item && typeof item.type === 'string') walk(item, visit);
    } else if (child && typeof child.type === 'string') {
      walk(child, visit);
    }
  }
}
