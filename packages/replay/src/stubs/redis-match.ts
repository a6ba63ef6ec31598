/**
 * Whether a replayed Redis command is the recorded one: same command, same args in order, where
 * volatile values (uuids, timestamps, volatile keys inside JSON values) and redacted values
 * never break the match. Pure.
 */
import type { EncodedValue, RedisEvent } from '@flashback/protocol/types';
import { jsonDifference } from './json-shape.js';
import { isRedacted, normalizeVolatile, sameText } from './volatile-text.js';

/**
 * Why `argv` (command name and args as the stub received them) is not the recorded `event`, or
 * `undefined` when it is.
 */
export function redisCommandDifference(event: RedisEvent, argv: readonly Uint8Array[]): string | undefined {
  const [name, ...args] = argv;
  const command = name ? text(name).toUpperCase() : '';
  if (command !== event.command.toUpperCase()) return `command: recorded ${event.command}, got ${command}`;
  if (args.length !== event.args.length) {
    return `args: recorded ${event.args.length}, got ${args.length}`;
  }
  for (let i = 0; i < args.length; i++) {
    const difference = argDifference(event.args[i] ?? null, args[i] ?? new Uint8Array());
    if (difference) return `arg ${i + 1}: ${difference}`;
  }
  return undefined;
}

function argDifference(recorded: EncodedValue, actual: Uint8Array): string | undefined {
  const got = text(actual);
  if (typeof recorded === 'string') return stringDifference(recorded, got);
  if (typeof recorded === 'number' || typeof recorded === 'boolean') {
    return String(recorded) === got ? undefined : `recorded ${recorded}, got ${short(got)}`;
  }
  if (recorded !== null && typeof recorded === 'object' && !Array.isArray(recorded)) {
    switch (recorded.$fb) {
      case 'bytes': {
        const expected = Buffer.from(String(recorded.base64), 'base64');
        const matches = recorded.truncated
          ? actual.byteLength === Number(recorded.size) &&
            Buffer.from(actual).subarray(0, expected.byteLength).equals(expected)
          : Buffer.from(actual).equals(expected);
        return matches
          ? undefined
          : `recorded ${String(recorded.size)} bytes, got ${actual.byteLength} different bytes`;
      }
      case 'string':
        // Cut at the capture limit: the kept prefix must match.
        return normalizeVolatile(got).startsWith(normalizeVolatile(String(recorded.v)).slice(0, -64))
          ? undefined
          : `does not start like the recorded (cut-off) value`;
      case 'bigint':
        return String(recorded.v) === got ? undefined : `recorded ${String(recorded.v)}, got ${short(got)}`;
    }
  }
  return `recorded ${short(JSON.stringify(recorded))}, got ${short(got)}`;
}

function stringDifference(recorded: string, got: string): string | undefined {
  if (isRedacted(recorded) || sameText(recorded, got)) return undefined;
  // A cached JSON document: compared by shape, so volatile fields inside it do not count.
  if (/^\s*[[{]/.test(recorded)) {
    try {
      const difference = jsonDifference(JSON.parse(recorded), JSON.parse(got));
      return difference === undefined ? undefined : `JSON ${difference}`;
    } catch {
      // Not JSON after all: compared as text below.
    }
  }
  return `recorded ${short(recorded)}, got ${short(got)}`;
}

function text(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

function short(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
}
