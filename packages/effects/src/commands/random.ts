/** Randomness is an effect: replay answers with the numbers and ids the recording drew. */
import { type Command, defineCommand } from '../core/command.js';

export const randomFloat = defineCommand<null, number>('random.float');
export const randomUuid = defineCommand<null, string>('random.uuid');

/** A float in [0, 1). */
export function random(): Command<null, number> {
  return randomFloat(null);
}

export function uuid(): Command<null, string> {
  return randomUuid(null);
}
