import type { ValueLimits } from '@flashback/protocol/values';
import { getRequestContext, suppressCapture } from '../../context/request-context.js';
import { debug } from '../../debug-logger.js';
import { safeExecute } from '../../instrument/safe-execute.js';
import { isWrapped, wrapMethod } from '../../instrument/wrap.js';
import {
  errorClassNames,
  failRedisCommand,
  finishRedisCommand,
  startRedisCommand,
} from './redis-command-recorder.js';
import type {
  NodeRedisClient,
  NodeRedisCommandOptions,
  NodeRedisCommandsQueue,
  NodeRedisModule,
} from './types.js';

/** Where a queue's connection points; `db` follows the SELECTs the queue sees succeed. */
interface QueueServer {
  address: string;
  db: number;
}

const servers = new WeakMap<object, QueueServer>();

/**
 * Instruments node-redis by patching, not through its `node-redis:command` tracing channel: the
 * channel publishes arguments already sanitised (values replaced by `?`), and a reproduction
 * needs the values the app sent.
 *
 * - `RedisClient.prototype.connect` runs under `suppressCapture`, so the handshake (HELLO,
 *   CLIENT SETINFO, SELECT), ping-interval PINGs and reconnects, which all follow from the
 *   socket's events, are never recorded, even when the app connects from inside a request.
 *   On the way it finds the client's commands queue and patches the queue class once.
 * - `RedisCommandsQueue.prototype.addCommand` sees every command of the connection, called
 *   synchronously from the app's call (single commands, raw `sendCommand`, each command of a
 *   pipeline, MULTI, the queued commands and EXEC), so the caller's request is the one active.
 *   The reply recorded is the one the queue resolves with: decoded off the wire with the
 *   command's type mapping, before node-redis's per-command transforms (such as RESP2's HGETALL
 *   pairs into an object), i.e. what a RESP stub has to send back.
 */
export function patchNodeRedis(module: NodeRedisModule, limits: ValueLimits): void {
  const proto = module.RedisClient?.prototype;
  // Also called with the exports of the package's internal files when the SDK starts late;
  // only the package entry has RedisClient.
  if (!proto || typeof proto.connect !== 'function') {
    debug.log('node-redis: no RedisClient in this module; skipped');
    return;
  }
  wrapMethod(
    proto,
    'connect',
    (original) =>
      function connect(this: unknown, ...args: unknown[]) {
        safeExecute('instrumenting a node-redis client', () =>
          instrumentQueue(this as NodeRedisClient, limits),
        );
        return suppressCapture(() => original.apply(this, args));
      },
  );
}

function instrumentQueue(client: NodeRedisClient, limits: ValueLimits): void {
  const self = client._self ?? client;
  const queue = self._getQueue?.();
  if (!queue || typeof queue !== 'object') {
    debug.warn('node-redis: the client has no commands queue; its commands are not recorded');
    return;
  }
  if (!servers.has(queue)) servers.set(queue, serverOf(self));
  const queueProto = Object.getPrototypeOf(queue) as NodeRedisCommandsQueue | null;
  if (queueProto && typeof queueProto.addCommand === 'function' && !isWrapped(queueProto.addCommand)) {
    wrapMethod(queueProto, 'addCommand', (original) => recordingAddCommand(original, limits));
  }
}

type AddCommand = (this: unknown, ...args: unknown[]) => unknown;

function recordingAddCommand(original: AddCommand, limits: ValueLimits): AddCommand {
  return function addCommand(this: unknown, ...callArgs: unknown[]) {
    const server = servers.get(this as object);
    const args = callArgs[0];
    if (!server || !Array.isArray(args)) return original.apply(this, callArgs);
    const context = getRequestContext();
    const dbChange = dbChangeOf(args);
    if (!context && dbChange === undefined) return original.apply(this, callArgs);

    const event = context
      ? safeExecute('recording a node-redis command', () =>
          startRedisCommand(
            {
              client: 'node-redis',
              server: `${server.address}/${server.db}`,
              name: args[0],
              args: args.slice(1),
            },
            limits,
            context,
          ),
        )
      : undefined;
    const promise = original.apply(this, callArgs);
    if ((!event && dbChange === undefined) || !(promise instanceof Promise)) return promise;
    const options = callArgs[1] as NodeRedisCommandOptions | undefined;
    // A derived promise, not a handler on the queue's: a rejection nobody handles stays unhandled.
    return promise.then(
      (reply: unknown) => {
        safeExecute('recording a node-redis reply', () => {
          if (dbChange !== undefined && reply === 'OK') server.db = dbChange;
          if (event) finishRedisCommand(event, reply, limits);
        });
        return reply;
      },
      (error: unknown) => {
        if (event) {
          safeExecute('recording a node-redis error', () =>
            failRedisCommand(event, error, isTimeout(error, options)),
          );
        }
        throw error;
      },
    );
  };
}

/** The database a SELECT (or RESET, back to 0) switches to; undefined for other commands. */
function dbChangeOf(args: readonly unknown[]): number | undefined {
  const name = args[0];
  if (typeof name !== 'string' || (name.length !== 6 && name.length !== 5)) return undefined;
  const upper = name.toUpperCase();
  if (upper === 'RESET') return 0;
  if (upper !== 'SELECT') return undefined;
  const db = Number(args[1]);
  return Number.isInteger(db) ? db : undefined;
}

/**
 * Client-side timeouts: node-redis's `TimeoutError` family (command `timeout` option, socket
 * timeouts), and an `AbortError` whose signal was aborted by `AbortSignal.timeout()`.
 */
function isTimeout(error: unknown, options: NodeRedisCommandOptions | undefined): boolean {
  const classes = errorClassNames(error);
  if (classes.includes('TimeoutError') || classes.includes('SocketTimeoutError')) return true;
  if (!classes.includes('AbortError')) return false;
  const reason: unknown = options?.abortSignal?.reason;
  return (
    typeof reason === 'object' && reason !== null && (reason as { name?: unknown }).name === 'TimeoutError'
  );
}

function serverOf(client: NodeRedisClient): QueueServer {
  const options = client.options;
  const socket = options?.socket;
  const address = socket?.path ? socket.path : `${socket?.host ?? 'localhost'}:${socket?.port ?? 6379}`;
  return { address, db: options?.database ?? 0 };
}
