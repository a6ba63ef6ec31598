/** Every command of `flashback`, in the order the help lists them. */
import type { CommandDefinition } from '../command-types.js';
import { fixturesCommand } from './fixtures-command.js';
import { reproCommand } from './repro-command.js';
import { stubsCommand } from './stubs-command.js';

export const COMMANDS: readonly CommandDefinition[] = [fixturesCommand, stubsCommand, reproCommand];
