import type { DbEvent, EncodedValue } from '@flashback/protocol/types';
import { encodeCell } from '../sql/encode-cell.js';

/**
 * A statement's parameters as better-sqlite3 binds them: arguments and arrays spread into
 * positional parameters, a plain object supplies named ones. Named parameters make the record an
 * object, with any positional ones under their 1-based position.
 */
export function encodeSqliteParams(args: readonly unknown[]): DbEvent['params'] {
  const positional: EncodedValue[] = [];
  let named: Record<string, EncodedValue> | undefined;
  for (const arg of args) {
    if (Array.isArray(arg)) {
      for (const value of arg) positional.push(encodeCell(value));
    } else if (isPlainObject(arg)) {
      named ??= {};
      for (const [key, value] of Object.entries(arg)) named[key] = encodeCell(value);
    } else {
      positional.push(encodeCell(arg));
    }
  }
  if (!named) return positional;
  positional.forEach((value, index) => {
    (named as Record<string, EncodedValue>)[String(index + 1)] = value;
  });
  return named;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
