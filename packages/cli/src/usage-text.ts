/** Help text, generated from the option table. */
import { COMMANDS, type CommandName, type CommandSpec } from './cli-options.js';

export function generalUsage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  const lines = Object.entries(COMMANDS).map(([name, spec]) => `  ${name.padEnd(width)}  ${spec.summary}`);
  return [
    'Usage: flashback <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Run `flashback <command> --help` for its options.',
    '',
  ].join('\n');
}

export function commandUsage(name: CommandName): string {
  const spec: CommandSpec = COMMANDS[name];
  const positionals = spec.positionals.map((p) => `<${p.name}>`).join(' ');
  const rows = Object.entries(spec.options).map(([key, option]) => {
    const left = `--${key}${option.value ? ` ${option.value}` : ''}`;
    const notes = [
      option.required ? 'required' : undefined,
      option.defaultText ? `default: ${option.defaultText}` : undefined,
    ].filter((n) => n !== undefined);
    return [left, `${option.description}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`] as const;
  });
  const width = Math.max(...rows.map(([left]) => left.length));
  return [
    `Usage: flashback ${name} ${positionals} [options]`,
    '',
    `${spec.summary[0]?.toUpperCase()}${spec.summary.slice(1)}.`,
    '',
    'Options:',
    ...rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`),
    '',
    `Exit codes: ${spec.exitCodes}.`,
    '',
  ].join('\n');
}
