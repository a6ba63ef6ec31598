/**
 * Decides what the Redis stub does with one command on one connection: a handshake answer, the
 * recorded reply (or failure), or an error reply for a command the recording does not have.
 * Deterministic over the queues' state; no IO.
 */
import type { RedisEvent } from '@flashback/protocol/types';
import { describeRedisArgv, describeRedisEvent } from './describe-call.js';
import { outOfOrder, unexpectedCall } from './divergence-log.js';
import type { RecordedQueue } from './recorded-queue.js';
import { answerConnectionCommand, isConnectionCommand, type RedisConnection } from './redis-handshake.js';
import { redisCommandDifference } from './redis-match.js';
import { type RedisReplyAction, redisReplyAction } from './redis-reply.js';
import type { RespValue } from './resp-codec.js';
import type { Divergence } from './stub-types.js';

/** The recorded commands of one database of one server. */
export interface RedisDbQueue {
  db: number;
  queue: RecordedQueue<RedisEvent>;
  /** How divergences name it: `redis 127.0.0.1:6379/0`. */
  service: string;
}

/** What to send for one command, and how it changes the connection. */
export interface RedisDecision {
  action: RedisReplyAction;
  divergence: Divergence | undefined;
  update?: Partial<Omit<RedisConnection, 'id'>>;
  close?: boolean;
}

/**
 * @param server `host:port` of the recorded server, naming divergences on databases the
 *   recording never used.
 */
export function decideRedis(
  queues: readonly RedisDbQueue[],
  server: string,
  connection: RedisConnection,
  argv: readonly Uint8Array[],
  latencyScale: number,
  offRecord?: (words: string[]) => RespValue,
): RedisDecision {
  const words = argv.map((arg) => Buffer.from(arg).toString('utf8'));
  const name = (words[0] ?? '').toUpperCase();
  const target = queueFor(queues, connection.db);
  const matches = (event: RedisEvent) => redisCommandDifference(event, argv);
  const recorded = target?.queue.find(matches);
  const connectionAnswer = isConnectionCommand(name)
    ? answerConnectionCommand([name, ...words.slice(1)], connection)
    : undefined;

  if (recorded && target) {
    const overtaken = target.queue.serve(recorded);
    const action = redisReplyAction(recorded, latencyScale);
    const ref = (event: RedisEvent) => ({ seq: event.seq, description: describeRedisEvent(event) });
    const succeeded = action.kind === 'reply' && action.value.type !== 'error';
    return {
      action,
      divergence: overtaken.length
        ? outOfOrder(target.service, describeRedisArgv(argv), ref(recorded), overtaken.map(ref))
        : undefined,
      // A recorded SELECT or HELLO still switches the connection, as the real one did.
      ...(succeeded && connectionAnswer?.update ? { update: connectionAnswer.update } : {}),
    };
  }
  if (connectionAnswer) {
    return {
      action: { kind: 'reply', delayMs: 0, value: connectionAnswer.value },
      divergence: undefined,
      ...(connectionAnswer.update ? { update: connectionAnswer.update } : {}),
      ...(connectionAnswer.close ? { close: true } : {}),
    };
  }
  const asked = describeRedisArgv(argv);
  const next = target?.queue.next();
  const reason = target?.queue.explainNext(matches);
  const divergence = unexpectedCall(
    target?.service ?? `redis ${server}/${connection.db}`,
    asked,
    next && { seq: next.seq, description: describeRedisEvent(next) },
    reason,
  );
  if (offRecord !== undefined) {
    return { action: { kind: 'reply', delayMs: 0, value: offRecord([name, ...words.slice(1)]) }, divergence };
  }
  const had = next
    ? `the recording had next ${describeRedisEvent(next)} (seq ${next.seq})`
    : 'the recording had no more commands';
  return {
    action: {
      kind: 'reply',
      delayMs: 0,
      value: { type: 'error', value: `ERR flashback: unexpected command ${asked}; ${had}` },
    },
    divergence,
  };
}

/** The queue of the connection's database; a server recorded with one database serves any. */
function queueFor(queues: readonly RedisDbQueue[], db: number): RedisDbQueue | undefined {
  return queues.find((queue) => queue.db === db) ?? (queues.length === 1 ? queues[0] : undefined);
}
