/** Redis commands, performed by the ioredis or node-redis handler. */
import { type Command, defineCommand } from '../core/command.js';

export interface RedisCommandInput {
  /** Command name, upper case: GET, SET, INCR... */
  command: string;
  args: readonly (string | number)[];
}

export const redisCommand = defineCommand<RedisCommandInput, unknown>('redis.command');

/** @example redis<string | null>('GET', `promo:${code}`) */
export function redis<R = unknown>(
  command: string,
  ...args: (string | number)[]
): Command<RedisCommandInput, R> {
  return redisCommand({ command: command.toUpperCase(), args }) as Command<RedisCommandInput, R>;
}
