/** Help text, generated from the command list. */
import type { CommandDefinition } from './command-types.js';
import { COMMANDS } from './commands/index.js';

export function generalUsage(commands: readonly CommandDefinition[] = COMMANDS, group?: string): string {
  const shown = group === undefined ? commands : commands.filter((c) => c.name.startsWith(`${group} `));
  const width = Math.max(...shown.map((c) => c.name.length));
  return [
    `Usage: flashback ${group ?? '<command>'}${group === undefined ? '' : ' <subcommand>'} [options]`,
    '',
    'Commands:',
    ...shown.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `flashback <command> --help` for its options.',
    '',
  ].join('\n');
}

export function commandUsage(command: CommandDefinition): string {
  const positionals = command.positionals.map((p) => ` <${p.name}>${p.variadic ? '...' : ''}`).join('');
  const rows = Object.entries(command.options).map(([key, option]) => {
    const left = `--${key}${option.value ? ` ${option.value}` : ''}`;
    const notes = [
      option.required ? 'required' : undefined,
      option.multiple ? 'repeatable' : undefined,
      option.defaultText ? `default: ${option.defaultText}` : undefined,
    ].filter((n) => n !== undefined);
    return [left, `${option.description}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`] as const;
  });
  const width = Math.max(0, ...rows.map(([left]) => left.length));
  return [
    `Usage: flashback ${command.name}${positionals}${rows.length > 0 ? ' [options]' : ''}`,
    '',
    `${command.summary[0]?.toUpperCase()}${command.summary.slice(1)}.`,
    ...(command.positionals.length > 0
      ? ['', 'Arguments:', ...command.positionals.map((p) => `  <${p.name}>  ${p.description}`)]
      : []),
    ...(rows.length > 0
      ? ['', 'Options:', ...rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`)]
      : []),
    '',
    `Exit codes: ${command.exitCodes}.`,
    '',
  ].join('\n');
}
