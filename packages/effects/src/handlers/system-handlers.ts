/** Handlers for the process's own sources of nondeterminism: the clock, randomness, logging. */
import { randomUUID } from 'node:crypto';
import { clockNow } from '../commands/clock.js';
import type { LogInput } from '../commands/log.js';
import { logLine } from '../commands/log.js';
import { randomFloat, randomUuid } from '../commands/random.js';
import { type Handler, handle } from '../core/handler.js';

export function clockHandler(read: () => number = Date.now): Handler<null, number> {
  return handle(clockNow, () => read(), { meta: { event: 'clock', source: 'Date.now' } });
}

export function randomHandlers(): [Handler<null, number>, Handler<null, string>] {
  return [
    handle(randomFloat, () => Math.random(), { meta: { event: 'random', source: 'Math.random' } }),
    handle(randomUuid, () => randomUUID(), { meta: { event: 'random', source: 'crypto.randomUUID' } }),
  ];
}

/** Writes log lines to `write` (default: one JSON line on stderr). */
export function logHandler(write: (line: LogInput) => void = writeJsonLine): Handler<LogInput, null> {
  return handle(logLine, (input) => {
    write(input);
    return null;
  });
}

function writeJsonLine(line: LogInput): void {
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), ...line })}\n`);
}
