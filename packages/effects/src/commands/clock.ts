/** Reading the clock is an effect: replay answers with the time the recording saw. */
import { type Command, defineCommand } from '../core/command.js';

export const clockNow = defineCommand<null, number>('clock.now');

/** Epoch milliseconds. */
export function now(): Command<null, number> {
  return clockNow(null);
}
