/**
 * Reads V8's null-dereference messages: which property the code tried to reach, on undefined or
 * null, and how (read, write, destructure).
 */
import type { ErrorInfo } from '@flashback/protocol/types';

export interface Dereference {
  property: string;
  nullish: 'undefined' | 'null';
  access: 'read' | 'set' | 'destructure';
  /** The expression V8 named, for destructuring ("Cannot destructure property 'x' of 'customer'"). */
  expression?: string;
}

const PATTERNS: {
  pattern: RegExp;
  access: Dereference['access'];
  property: number;
  nullish: number;
  expression?: number;
}[] = [
  {
    pattern: /Cannot read properties of (undefined|null) \(reading '([^']+)'\)/,
    access: 'read',
    property: 2,
    nullish: 1,
  },
  // V8 before 9.3.
  { pattern: /Cannot read property '([^']+)' of (undefined|null)/, access: 'read', property: 1, nullish: 2 },
  {
    pattern: /Cannot set properties of (undefined|null) \(setting '([^']+)'\)/,
    access: 'set',
    property: 2,
    nullish: 1,
  },
  {
    pattern: /Cannot destructure property '([^']+)' of '([^']*)' as it is (undefined|null)/,
    access: 'destructure',
    property: 1,
    nullish: 3,
    expression: 2,
  },
];

/** The first null dereference in the error chain (a TypeError), or undefined. */
export function findDereference(errors: readonly ErrorInfo[]): Dereference | undefined {
  for (const error of errors) {
    if (error.type !== 'TypeError') continue;
    for (const { pattern, access, property, nullish, expression } of PATTERNS) {
      const match = pattern.exec(error.message);
      if (!match) continue;
      const deref: Dereference = {
        property: match[property] ?? '',
        nullish: match[nullish] === 'null' ? 'null' : 'undefined',
        access,
      };
      if (expression !== undefined && match[expression]) deref.expression = match[expression];
      return deref;
    }
  }
  return undefined;
}
