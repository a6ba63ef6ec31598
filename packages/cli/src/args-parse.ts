/** Parses a command line against the command list; every problem is a usage error naming it. */
import { parseArgs } from 'node:util';
import type { CommandDefinition, OptionSpec, OptionValue } from './command-types.js';
import { COMMANDS } from './commands/index.js';
import { parseDuration } from './duration-parse.js';
import { CliError } from './errors.js';

export type ParsedCommandLine =
  | { kind: 'help'; command?: CommandDefinition; group?: string }
  | { kind: 'version' }
  | {
      kind: 'command';
      command: CommandDefinition;
      positionals: string[];
      options: Record<string, OptionValue>;
    };

export function parseCommandLine(
  argv: readonly string[],
  commands: readonly CommandDefinition[] = COMMANDS,
): ParsedCommandLine {
  const [first, ...afterFirst] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    const topic = findCommand(commands, afterFirst);
    if (topic) return { kind: 'help', command: topic.command };
    const group = afterFirst[0];
    return group !== undefined && isGroup(commands, group) ? { kind: 'help', group } : { kind: 'help' };
  }
  if (first === '--version' || first === '-v') return { kind: 'version' };
  const found = findCommand(commands, argv);
  if (!found) {
    if (isGroup(commands, first)) {
      const verbs = commands.filter((c) => c.name.startsWith(`${first} `)).map((c) => c.name.split(' ')[1]);
      const asked = afterFirst[0];
      const what = asked === undefined || asked.startsWith('-') ? 'needs' : `has no "${asked}"; it takes`;
      throw new CliError('FB_CLI_USAGE', `${first} ${what} a subcommand: ${verbs.join(', ')}`);
    }
    const names = [...new Set(commands.map((c) => c.name.split(' ')[0]))];
    throw new CliError('FB_CLI_USAGE', `unknown command "${first}"; commands: ${names.join(', ')}`);
  }
  const { command, rest } = found;
  if (rest.includes('--help') || rest.includes('-h')) return { kind: 'help', command };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...rest],
      allowPositionals: true,
      strict: true,
      options: Object.fromEntries(
        Object.entries(command.options).map(([key, option]) => [
          key,
          { type: option.kind === 'boolean' ? 'boolean' : 'string', multiple: option.multiple ?? false },
        ]),
      ),
    });
  } catch (error: unknown) {
    throw new CliError('FB_CLI_USAGE', `${command.name}: ${(error as Error).message}`, { cause: error });
  }
  checkPositionals(command, parsed.positionals);
  const options: Record<string, OptionValue> = {};
  for (const [key, option] of Object.entries(command.options)) {
    const raw = parsed.values[key];
    if (raw === undefined) {
      if (option.required)
        throw new CliError('FB_CLI_USAGE', `${command.name} needs --${key} ${option.value ?? ''}`.trim());
      continue;
    }
    options[key] = convert(command.name, key, option, raw);
  }
  return { kind: 'command', command, positionals: parsed.positionals, options };
}

/** The command named by the first one or two words, with the arguments after its name. */
function findCommand(
  commands: readonly CommandDefinition[],
  argv: readonly string[],
): { command: CommandDefinition; rest: string[] } | undefined {
  const two = commands.find((c) => c.name === `${argv[0]} ${argv[1]}`);
  if (two) return { command: two, rest: argv.slice(2) };
  const one = commands.find((c) => c.name === argv[0]);
  return one && { command: one, rest: argv.slice(1) };
}

function isGroup(commands: readonly CommandDefinition[], word: string): boolean {
  return commands.some((c) => c.name.startsWith(`${word} `));
}

function checkPositionals(command: CommandDefinition, given: readonly string[]): void {
  const specs = command.positionals;
  const variadic = specs.at(-1)?.variadic === true;
  const fits = variadic ? given.length >= specs.length : given.length === specs.length;
  if (fits) return;
  const wanted = specs.map((p) => `<${p.name}>${p.variadic ? '...' : ''}`).join(' ');
  throw new CliError(
    'FB_CLI_USAGE',
    wanted === ''
      ? `${command.name} takes no arguments; got ${given.join(' ')}`
      : `${command.name} takes ${wanted}; got ${given.length === 0 ? 'nothing' : given.join(' ')}`,
  );
}

function convert(command: string, key: string, option: OptionSpec, raw: unknown): OptionValue {
  const bad = (what: string): CliError => new CliError('FB_CLI_USAGE', `${command}: --${key} ${what}`);
  if (option.kind === 'boolean') return raw === true;
  if (option.kind === 'env') {
    const env: Record<string, string> = {};
    for (const pair of raw as string[]) {
      const eq = pair.indexOf('=');
      if (eq <= 0) throw bad(`expects NAME=VALUE, got "${pair}"`);
      env[pair.slice(0, eq)] = pair.slice(eq + 1);
    }
    return env;
  }
  const text = raw as string;
  switch (option.kind) {
    case 'port':
    case 'listen-port': {
      const port = Number(text);
      const lowest = option.kind === 'port' ? 1 : 0;
      if (!/^\d+$/.test(text) || port < lowest || port > 65535)
        throw bad(`expects a TCP port (${lowest}-65535), got "${text}"`);
      return port;
    }
    case 'integer': {
      const value = Number(text);
      if (!/^\d+$/.test(text) || !Number.isSafeInteger(value))
        throw bad(`expects a whole number, got "${text}"`);
      return value;
    }
    case 'duration': {
      const ms = parseDuration(text);
      if (ms === undefined) throw bad(`expects a time such as 60s, 2m or 500ms, got "${text}"`);
      return ms;
    }
    case 'choice':
      if (!(option.choices ?? []).includes(text))
        throw bad(`expects one of ${(option.choices ?? []).join(', ')}, got "${text}"`);
      return text;
    default:
      if (text === '') throw bad('needs a value');
      return text;
  }
}
