import type { ValueLimits } from '@flashback/protocol/values';
import { getRequestContext, type RequestContext, suppressCapture } from '../../context/request-context.js';
import { debug } from '../../debug-logger.js';
import { safeExecute } from '../../instrument/safe-execute.js';
import { wrapMethod } from '../../instrument/wrap.js';
import { failRedisCommand, finishRedisCommand, startRedisCommand } from '../redis/redis-command-recorder.js';
import type { IoredisClient, IoredisCommand, IoredisModule } from './types.js';

/** The request a pipelined command was queued in (`null`: none), stamped when it is queued. */
const ISSUED_IN = Symbol('flashback.redis.issuedIn');
/** Set once a command is recorded, so a resend after a reconnect is not recorded twice. */
const RECORDED = Symbol('flashback.redis.recorded');

type TrackedCommand = IoredisCommand & { [ISSUED_IN]?: RequestContext | null; [RECORDED]?: true };

/** The error ioredis rejects with when `commandTimeout` elapses. */
const TIMEOUT_MESSAGE = 'Command timed out';

/**
 * Instruments ioredis by patching, not through its `ioredis:command` tracing channel: the channel
 * publishes arguments already sanitised (values replaced by `?`, Buffers turned into strings),
 * and a reproduction needs the values the app sent.
 *
 * - `Redis.prototype.sendCommand` is where every command (single, pipelined, MULTI/EXEC, the
 *   app's SELECT) is written or queued. The event starts there and ends when ioredis settles the
 *   command: the command's own `transformReply` (the reply exactly as the app receives it) and
 *   `reject` are wrapped, so the command's promise is never touched and an unhandled rejection
 *   stays unhandled.
 * - `Pipeline.prototype.sendCommand` stamps each queued command with the request it was issued
 *   in, because `exec()` (and auto-pipelining, which execs on a later tick) may run elsewhere.
 * - `Redis.prototype.connect` runs under `suppressCapture`: the handshake, the ready check, the
 *   offline-queue flush and reconnects all follow from the connection's socket events, so none
 *   of them is recorded even when the app connects lazily from inside a request.
 */
export function patchIoredis(module: IoredisModule, limits: ValueLimits): void {
  const proto = module.Redis?.prototype ?? module.prototype;
  // Also called with the exports of ioredis' internal files when the SDK starts after ioredis
  // was loaded; only the package entry has the Redis class.
  if (!proto || typeof proto.sendCommand !== 'function' || typeof proto.connect !== 'function') {
    debug.log('ioredis: no Redis class in this module; skipped');
    return;
  }
  wrapMethod(
    proto,
    'connect',
    (original) =>
      function connect(this: unknown, ...args: unknown[]) {
        return suppressCapture(() => original.apply(this, args));
      },
  );
  wrapMethod(
    proto,
    'sendCommand',
    (original) =>
      function sendCommand(this: unknown, ...args: unknown[]) {
        const command = args[0] as TrackedCommand | undefined;
        if (command && typeof command === 'object' && command[RECORDED] === undefined) {
          const context = ISSUED_IN in command ? command[ISSUED_IN] : getRequestContext();
          if (context) {
            safeExecute('recording an ioredis command', () =>
              track(this as IoredisClient, command, context, limits),
            );
          }
        }
        return original.apply(this, args);
      },
  );
  const pipeline = module.Pipeline?.prototype;
  if (pipeline) {
    wrapMethod(
      pipeline,
      'sendCommand',
      (original) =>
        function sendCommand(this: unknown, ...args: unknown[]) {
          const command = args[0] as TrackedCommand | undefined;
          if (command && typeof command === 'object' && !(ISSUED_IN in command)) {
            try {
              command[ISSUED_IN] = getRequestContext() ?? null;
            } catch {
              // A frozen command cannot carry the stamp; it is then attributed when it is sent.
            }
          }
          return original.apply(this, args);
        },
    );
  }
}

function track(
  client: IoredisClient,
  command: TrackedCommand,
  context: RequestContext,
  limits: ValueLimits,
): void {
  const event = startRedisCommand(
    { client: 'ioredis', server: serverOf(client), name: command.name, args: command.args },
    limits,
    context,
  );
  if (!event) return;
  command[RECORDED] = true;
  let settled = false;
  const reject = command.reject;
  command.reject = (error: unknown) => {
    if (!settled) {
      settled = true;
      safeExecute('recording an ioredis error', () =>
        failRedisCommand(event, error, error instanceof Error && error.message === TIMEOUT_MESSAGE),
      );
    }
    return reject(error);
  };
  const record = (value: unknown) =>
    safeExecute('recording an ioredis reply', () => finishRedisCommand(event, value, limits));
  const transformReply = command.transformReply;
  command.transformReply = function transformReplyRecorded(this: unknown, reply: unknown) {
    const value = transformReply.call(this, reply);
    // A transaction's commands are transformed twice: once for QUEUED, once for EXEC's result.
    if (settled) return value;
    settled = true;
    if (command.name === 'exec' && Array.isArray(value) && command.promise) {
      // In a MULTI pipeline EXEC's results are still raw here; the pipeline decodes them in place,
      // each with its own command's transform, in a handler it attached before ours.
      command.promise.then(() => record(value), noop);
    } else {
      record(value);
    }
    return value;
  };
}

function noop(): void {}

function serverOf(client: IoredisClient): string {
  const options = client.options ?? {};
  const db = client.condition?.select ?? options.db ?? 0;
  const address = options.path ? options.path : `${options.host ?? 'localhost'}:${options.port ?? 6379}`;
  return `${address}/${db}`;
}
