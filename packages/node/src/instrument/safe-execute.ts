import { debug } from '../debug-logger.js';

/** Runs SDK code on the host's path; whatever it throws is logged (in debug) and swallowed. */
export function safeExecute<T>(what: string, fn: () => T): T | undefined {
  try {
    return fn();
  } catch (error) {
    debug.error(`${what} failed`, error);
    return undefined;
  }
}
