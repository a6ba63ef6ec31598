/**
 * What a `flashback` command is: its help, its arguments and options, and the function that runs
 * it. Every command module exports one `CommandDefinition`; `commands/index.ts` lists them, and the
 * parser, the validation and the help text are all derived from that list.
 */
import type { CliDeps } from './cli-deps.js';

/** `listen-port` also takes 0 (a free port); `port` names an existing one. */
export type OptionKind =
  | 'string'
  | 'boolean'
  | 'port'
  | 'listen-port'
  | 'duration'
  | 'env'
  | 'choice'
  | 'integer';

export type OptionValue = string | number | boolean | Record<string, string>;

export interface OptionSpec {
  kind: OptionKind;
  description: string;
  /** Placeholder in the help text, e.g. `<dir>`. */
  value?: string;
  required?: boolean;
  /** May be given several times (collected in order). */
  multiple?: boolean;
  /** For `choice`. */
  choices?: readonly string[];
  /** Shown in the help text. */
  defaultText?: string;
}

export interface PositionalSpec {
  name: string;
  description: string;
  /** Takes one or more values; only the last positional may. */
  variadic?: boolean;
}

export interface CommandInput {
  positionals: string[];
  options: Record<string, OptionValue>;
}

export interface CommandDefinition {
  /** One word (`repro`) or a group and a verb (`projects create`). */
  name: string;
  summary: string;
  /** Positional arguments, all required. */
  positionals: readonly PositionalSpec[];
  options: Readonly<Record<string, OptionSpec>>;
  /** What the exit codes mean. */
  exitCodes: string;
  run(input: CommandInput, deps: CliDeps): Promise<number>;
}

export const JSON_OPTION: OptionSpec = { kind: 'boolean', description: 'print JSON instead of text' };
