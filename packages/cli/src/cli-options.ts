/**
 * Every command and option of `flashback`, declared once: the parser, the validation and the
 * help text are all derived from this table.
 */

export type OptionKind = 'string' | 'boolean' | 'port' | 'duration' | 'env' | 'choice';

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

export interface CommandSpec {
  summary: string;
  /** Positional arguments, all required. */
  positionals: readonly { name: string; description: string }[];
  options: Readonly<Record<string, OptionSpec>>;
  /** What the exit codes mean. */
  exitCodes: string;
}

const json: OptionSpec = { kind: 'boolean', description: 'print JSON instead of text' };

export const COMMANDS = {
  fixtures: {
    summary: 'infer the database fixture from a package, materialise it and check its fidelity',
    positionals: [{ name: 'package.json', description: 'an error package' }],
    options: {
      out: {
        kind: 'string',
        value: '<db-file>',
        description: 'write the SQLite fixture database to this new file',
      },
      json,
    },
    exitCodes: '0 every recorded query matches the fixture, 1 some query differs, 2 could not run',
  },
  stubs: {
    summary: 'serve the stubs of a package on free ports for manual debugging, until Ctrl-C',
    positionals: [{ name: 'package.json', description: 'an error package' }],
    options: { json },
    exitCodes: '0 stopped with Ctrl-C, 2 could not run',
  },
  repro: {
    summary: 'reproduce the failure of a package in a sandbox and say whether it happened again',
    positionals: [{ name: 'package.json', description: 'an error package' }],
    options: {
      app: { kind: 'string', value: '<dir>', required: true, description: 'directory of the app' },
      start: {
        kind: 'string',
        value: '<command>',
        required: true,
        description: 'shell command that starts the app',
      },
      port: {
        kind: 'port',
        value: '<n>',
        description: 'port the app listens on',
        defaultText: 'PORT of the recorded configuration',
      },
      'ready-path': {
        kind: 'string',
        value: '<path>',
        description: 'path answering once the app is ready',
        defaultText: 'wait for the port',
      },
      env: {
        kind: 'env',
        value: '<K=V>',
        multiple: true,
        description: 'extra environment for the app (repeatable)',
      },
      sandbox: {
        kind: 'choice',
        value: '<kind>',
        choices: ['process', 'namespace'],
        description: 'process or namespace',
        defaultText: 'namespace where available, else process',
      },
      timeout: {
        kind: 'duration',
        value: '<time>',
        description: 'time limit, e.g. 60s, 2m, 500ms',
        defaultText: '60s',
      },
      json,
    },
    exitCodes: '0 reproduced, 1 not reproduced or a different error, 2 could not run',
  },
} as const satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof COMMANDS;
