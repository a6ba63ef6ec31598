/** Parses a command line against the option table; every problem is a usage error naming it. */
import { parseArgs } from 'node:util';
import { COMMANDS, type CommandName, type CommandSpec, type OptionSpec } from './cli-options.js';
import { parseDuration } from './duration-parse.js';
import { CliError } from './errors.js';

export type OptionValue = string | number | boolean | Record<string, string>;

export type ParsedCommandLine =
  | { kind: 'help'; command?: CommandName }
  | { kind: 'version' }
  | { kind: 'command'; command: CommandName; positionals: string[]; options: Record<string, OptionValue> };

export function parseCommandLine(argv: readonly string[]): ParsedCommandLine {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = rest[0];
    return topic !== undefined && isCommand(topic) ? { kind: 'help', command: topic } : { kind: 'help' };
  }
  if (name === '--version' || name === '-v') return { kind: 'version' };
  if (!isCommand(name)) {
    throw new CliError(
      'FB_CLI_USAGE',
      `unknown command "${name}"; commands: ${Object.keys(COMMANDS).join(', ')}`,
    );
  }
  if (rest.includes('--help') || rest.includes('-h')) return { kind: 'help', command: name };
  const spec: CommandSpec = COMMANDS[name];
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...rest],
      allowPositionals: true,
      strict: true,
      options: Object.fromEntries(
        Object.entries(spec.options).map(([key, option]) => [
          key,
          { type: option.kind === 'boolean' ? 'boolean' : 'string', multiple: option.multiple ?? false },
        ]),
      ),
    });
  } catch (error: unknown) {
    throw new CliError('FB_CLI_USAGE', `${name}: ${(error as Error).message}`, { cause: error });
  }
  if (parsed.positionals.length !== spec.positionals.length) {
    const wanted = spec.positionals.map((p) => `<${p.name}>`).join(' ');
    throw new CliError(
      'FB_CLI_USAGE',
      `${name} takes ${wanted}; got ${parsed.positionals.length === 0 ? 'nothing' : parsed.positionals.join(' ')}`,
    );
  }
  const options: Record<string, OptionValue> = {};
  for (const [key, option] of Object.entries(spec.options)) {
    const raw = parsed.values[key];
    if (raw === undefined) {
      if (option.required)
        throw new CliError('FB_CLI_USAGE', `${name} needs --${key} ${option.value ?? ''}`.trim());
      continue;
    }
    options[key] = convert(name, key, option, raw);
  }
  return { kind: 'command', command: name, positionals: parsed.positionals, options };
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
    case 'port': {
      const port = Number(text);
      if (!/^\d+$/.test(text) || port < 1 || port > 65535)
        throw bad(`expects a TCP port (1-65535), got "${text}"`);
      return port;
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

function isCommand(name: string): name is CommandName {
  return Object.hasOwn(COMMANDS, name);
}
