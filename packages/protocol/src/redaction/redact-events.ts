import type { DbEvent, EncodedValue, HttpEvent, RedisEvent, TimelineEvent } from '../types.js';
import type { RedactionContext } from './context.js';
import { redactProse } from './json-like-text.js';
import { childPath } from './json-path.js';
import { redactBody } from './redact-body.js';
import { redactHeaders } from './redact-headers.js';
import { redactUrl } from './redact-url.js';
import { maskAll, redactEncoded } from './redact-value.js';
import type { Headers } from './types.js';

// Commands whose fields and values come in pairs after the key, so field names can act as keys.
const HASH_WRITES = new Set(['HSET', 'HMSET', 'HSETNX']);

/** Redacts one timeline event; seq, timings, outcome and statements are never touched. */
export function redactEvent(context: RedactionContext, event: TimelineEvent, path: string): TimelineEvent {
  const redacted = redactByType(context, event, path);
  if (!redacted.error) return redacted;
  const errorPath = childPath(path, 'error');
  const message = redactProse(context, redacted.error.message, childPath(errorPath, 'message'));
  return { ...redacted, error: { ...redacted.error, message } };
}

function redactByType(context: RedactionContext, event: TimelineEvent, path: string): TimelineEvent {
  switch (event.type) {
    case 'db':
      return redactDb(context, event, path);
    case 'http':
      return redactHttp(context, event, path);
    case 'redis':
      return redactRedis(context, event, path);
    default:
      return event;
  }
}

function redactDb(context: RedactionContext, event: DbEvent, path: string): DbEvent {
  // Positional params have no names: patterns only. Named params (SQLite) also get key rules.
  const params = redactEncoded(context, event.params, childPath(path, 'params'), true) as DbEvent['params'];
  if (!event.rows) return { ...event, params };
  const rowsPath = childPath(path, 'rows');
  const rows = event.rows.map((row, r) =>
    row.map((cell, c) => {
      const cellPath = childPath(childPath(rowsPath, r), c);
      const name = event.fields?.[c]?.name;
      const rule = name === undefined ? undefined : context.rules.matchKey(name);
      return rule
        ? maskAll(context, cell, cellPath, rule, true)
        : redactEncoded(context, cell, cellPath, true);
    }),
  );
  return { ...event, params, rows };
}

function redactHttp(context: RedactionContext, event: HttpEvent, path: string): HttpEvent {
  const out: HttpEvent = {
    ...event,
    url: redactUrl(context, event.url, childPath(path, 'url')),
    requestHeaders: redactHeaders(context, event.requestHeaders, childPath(path, 'requestHeaders')),
  };
  if (event.requestBody) {
    const contentType = headerValue(event.requestHeaders, 'content-type');
    out.requestBody = redactBody(context, event.requestBody, childPath(path, 'requestBody'), contentType);
  }
  if (event.responseHeaders) {
    out.responseHeaders = redactHeaders(context, event.responseHeaders, childPath(path, 'responseHeaders'));
  }
  if (event.responseBody) {
    const contentType = event.responseHeaders
      ? headerValue(event.responseHeaders, 'content-type')
      : undefined;
    out.responseBody = redactBody(context, event.responseBody, childPath(path, 'responseBody'), contentType);
  }
  return out;
}

function redactRedis(context: RedactionContext, event: RedisEvent, path: string): RedisEvent {
  const command = event.command.toUpperCase();
  const argsPath = childPath(path, 'args');
  const secretArgs = secretArgIndexes(command, event.args);
  const args = event.args.map((arg, index) => {
    const argPath = childPath(argsPath, index);
    if (secretArgs.has(index))
      return maskAll(context, arg, argPath, `command:${command.toLowerCase()}`, true);
    const field =
      HASH_WRITES.has(command) && index >= 2 && index % 2 === 0 ? event.args[index - 1] : undefined;
    const rule = typeof field === 'string' ? context.rules.matchKey(field) : undefined;
    return rule ? maskAll(context, arg, argPath, rule, true) : redactEncoded(context, arg, argPath, true);
  });
  const out: RedisEvent = { ...event, args };
  if (event.reply !== undefined)
    out.reply = redactEncoded(context, event.reply, childPath(path, 'reply'), true);
  return out;
}

/** Arguments that are passwords: `AUTH [user] password`, `HELLO 3 AUTH user password`. */
function secretArgIndexes(command: string, args: readonly EncodedValue[]): Set<number> {
  if (command === 'AUTH' && args.length > 0) return new Set([args.length - 1]);
  if (command === 'HELLO') {
    const auth = args.findIndex((arg) => typeof arg === 'string' && arg.toUpperCase() === 'AUTH');
    if (auth >= 0) return new Set([auth + 2]);
  }
  return new Set();
}

function headerValue(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
