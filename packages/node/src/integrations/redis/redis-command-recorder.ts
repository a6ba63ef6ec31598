/**
 * Turns one Redis command into a `redis` timeline event. Shared by the node-redis and ioredis
 * integrations, which differ only in where they see a command start and end.
 */
import type { IoError, RedisEvent } from '@flashback/protocol/types';
import { DEFAULT_VALUE_LIMITS, encodeValue, type ValueLimits } from '@flashback/protocol/values';
import {
  getRequestContext,
  type RequestContext,
  runWithRequestContext,
} from '../../context/request-context.js';
import { type PendingEvent, startEvent, toIoError } from '../../context/timeline-recorder.js';
import type { ResolvedOptions } from '../../options.js';

export type RedisClientName = RedisEvent['client'];

/** What an integration knows about a command when it is issued. */
export interface RedisCommandStart {
  client: RedisClientName;
  server: string | undefined;
  /** Command name as the client holds it (any case; a Buffer for raw commands). */
  name: unknown;
  /** Arguments after the command name, as they go on the wire (strings and Buffers). */
  args: readonly unknown[];
}

/**
 * Caps for args and replies. A cached value is often the evidence (a stale object of an older
 * shape), so strings and bytes are kept up to the body cap rather than the small default.
 */
export function redisValueLimits(options: ResolvedOptions): ValueLimits {
  return {
    ...DEFAULT_VALUE_LIMITS,
    maxStringLength: options.maxBodyBytes,
    maxBytes: options.maxBodyBytes,
    maxBreadth: Math.max(DEFAULT_VALUE_LIMITS.maxBreadth, options.maxRows),
  };
}

/**
 * Starts the event in `context` (the request that issued the command), which may differ from the
 * caller's when a client sends queued commands later, e.g. an auto-pipeline flushed on a tick.
 */
export function startRedisCommand(
  start: RedisCommandStart,
  limits: ValueLimits,
  context: RequestContext,
): PendingEvent<RedisEvent> | undefined {
  const fields = {
    type: 'redis' as const,
    client: start.client,
    ...(start.server === undefined ? {} : { server: start.server }),
    command: commandName(start.name),
    args: start.args.map((arg) => encodeValue(arg, limits)),
  };
  if (getRequestContext() === context) return startEvent<RedisEvent>(fields);
  return runWithRequestContext(context, () => startEvent<RedisEvent>(fields));
}

export function finishRedisCommand(
  event: PendingEvent<RedisEvent>,
  reply: unknown,
  limits: ValueLimits,
): void {
  event.finish({ reply: encodeValue(reply, limits) });
}

/** Records the error a command ended with; `timedOut` marks client-side timeouts. */
export function failRedisCommand(event: PendingEvent<RedisEvent>, error: unknown, timedOut: boolean): void {
  event.fail(redisIoError(error, timedOut), {}, timedOut ? 'timeout' : 'error');
}

/**
 * The timeline's error shape for a Redis failure. Server error replies carry their prefix
 * (`WRONGTYPE`, `NOSCRIPT`, `READONLY`, ...) as `code`, the way SQL errors carry their SQLSTATE.
 */
function redisIoError(error: unknown, timedOut: boolean): IoError {
  const io = toIoError(error);
  // node-redis errors keep the default name 'Error'; their class says what happened.
  const className = constructorName(error);
  if (io.name === 'Error' && className && className !== 'Error') {
    io.name = className;
  }
  if (io.message === '' && timedOut) io.message = 'Command timed out';
  if (io.code === undefined && isReplyError(error)) {
    const prefix = /^([A-Z][A-Z_-]+)(?:\s|$)/.exec(io.message)?.[1];
    if (prefix) io.code = prefix;
  }
  return io;
}

/** True for an error the Redis server sent as its reply (not a client or network failure). */
function isReplyError(error: unknown): boolean {
  for (let proto = error; proto && typeof proto === 'object'; proto = Object.getPrototypeOf(proto)) {
    const name = constructorName(proto);
    // ioredis: ReplyError (from redis-errors); node-redis: ErrorReply and its subclasses.
    if (name === 'ReplyError' || name === 'ErrorReply') return true;
    if (name === 'Error' || name === 'Object') return false;
  }
  return false;
}

/** The error's class, walking up its prototype chain: `TimeoutError`, `AbortError`, ... */
export function errorClassNames(error: unknown): string[] {
  const names: string[] = [];
  for (let proto = error; proto && typeof proto === 'object'; proto = Object.getPrototypeOf(proto)) {
    const name = constructorName(proto);
    if (!name || name === 'Error' || name === 'Object') break;
    if (names[names.length - 1] !== name) names.push(name);
  }
  return names;
}

function constructorName(value: unknown): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const ctor = (value as { constructor?: { name?: unknown } }).constructor;
  return typeof ctor?.name === 'string' ? ctor.name : undefined;
}

function commandName(name: unknown): string {
  if (typeof name === 'string') return name.toUpperCase();
  if (name instanceof Uint8Array) return Buffer.from(name).toString('latin1').toUpperCase();
  return String(name).toUpperCase();
}
