/** The `redis.command` handler, for ioredis or node-redis clients, typed structurally. */
import type { RedisCommandInput } from '../commands/redis.js';
import { redisCommand } from '../commands/redis.js';
import { type Handler, handle } from '../core/handler.js';

/** ioredis: `client.call('GET', key)`. */
export interface IoRedisLike {
  call(command: string, ...args: (string | number)[]): Promise<unknown>;
  options?: { host?: string; port?: number; db?: number };
}

/** node-redis: `client.sendCommand(['GET', key])`. */
export interface NodeRedisLike {
  sendCommand(args: string[]): Promise<unknown>;
}

export function redisHandler(
  client: IoRedisLike | NodeRedisLike,
  options: { server?: string } = {},
): Handler<RedisCommandInput, unknown> {
  const isIoRedis = typeof (client as IoRedisLike).call === 'function';
  const run = isIoRedis
    ? (input: RedisCommandInput) => (client as IoRedisLike).call(input.command, ...input.args)
    : (input: RedisCommandInput) =>
        (client as NodeRedisLike).sendCommand([input.command, ...input.args.map(String)]);
  const server = options.server ?? (isIoRedis ? serverOf((client as IoRedisLike).options) : undefined);
  return handle(redisCommand, run, {
    meta: {
      event: 'redis',
      client: isIoRedis ? 'ioredis' : 'node-redis',
      ...(server ? { server } : {}),
    },
    spanAttributes: (input) => ({ 'db.system.name': 'redis', 'db.operation.name': input.command }),
  });
}

function serverOf(options: IoRedisLike['options']): string | undefined {
  if (!options?.host) return undefined;
  return `${options.host}:${options.port ?? 6379}/${options.db ?? 0}`;
}
