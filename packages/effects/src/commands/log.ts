/** Logging is an effect too: the logic says what to log, the handler writes it. */
import { type Command, defineCommand } from '../core/command.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface LogInput {
  level: LogLevel;
  message: string;
  data?: unknown;
}

export const logLine = defineCommand<LogInput, null>('log');

export function log(level: LogLevel, message: string, data?: unknown): Command<LogInput, null> {
  return logLine(data === undefined ? { level, message } : { level, message, data });
}
