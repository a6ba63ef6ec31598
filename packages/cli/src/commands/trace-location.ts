/** The `<file:line>` argument of `flashback trace snapshot|log`. */
import { CliError } from '../errors.js';

export interface TraceLocation {
  file: string;
  line: number;
}

/** Splits at the last colon, so a Windows drive letter stays part of the file. */
export function parseTraceLocation(text: string): TraceLocation {
  const match = /^(.+):(\d+)$/.exec(text.trim());
  const line = Number(match?.[2]);
  if (!match?.[1] || !Number.isSafeInteger(line) || line < 1) {
    throw new CliError(
      'FB_CLI_USAGE',
      `expected <file:line> such as src/orders.js:42 (a line from 1), got "${text}"`,
    );
  }
  return { file: match[1], line };
}

/** `90s`, `10m`, `2h` or a plain number of seconds, in whole seconds. */
export function parseTtlSeconds(text: string): number {
  const match = /^(\d+)(s|m|h)?$/.exec(text.trim());
  const seconds = match
    ? Number(match[1]) * { s: 1, m: 60, h: 3600 }[(match[2] ?? 's') as 's' | 'm' | 'h']
    : 0;
  if (seconds < 1)
    throw new CliError('FB_CLI_USAGE', `--ttl expects a time such as 90s, 10m or 2h, got "${text}"`);
  if (seconds > 24 * 3600) throw new CliError('FB_CLI_USAGE', `--ttl is at most 24h, got "${text}"`);
  return seconds;
}
