/**
 * What a Redis server would plausibly answer to a command against an empty database: the
 * replies the app gets while it starts, before the replayed request (startup IO is never
 * recorded, and a refused startup command would stop the app from starting at all). Pure.
 */
import type { RespValue } from '../stubs/resp-codec.js';

const OK: RespValue = { type: 'simple', value: 'OK' };
const NULL: RespValue = { type: 'null' };
const EMPTY: RespValue = { type: 'array', items: [] };
const int = (value: number): RespValue => ({ type: 'integer', value });

const NIL_READS = new Set([
  'GET',
  'GETDEL',
  'GETEX',
  'GETSET',
  'HGET',
  'LPOP',
  'RPOP',
  'LINDEX',
  'SPOP',
  'SRANDMEMBER',
  'ZSCORE',
  'LMOVE',
  'RPOPLPUSH',
  'BLPOP',
  'BRPOP',
  'BLMOVE',
  'BRPOPLPUSH',
  'BZPOPMIN',
  'BZPOPMAX',
  'EVAL',
  'EVALSHA',
  'FCALL',
  'OBJECT',
  'TYPE_NONE',
]);
const EMPTY_LISTS = new Set([
  'HGETALL',
  'SMEMBERS',
  'LRANGE',
  'ZRANGE',
  'ZRANGEBYSCORE',
  'ZREVRANGE',
  'KEYS',
  'HKEYS',
  'HVALS',
  'XRANGE',
  'XREVRANGE',
  'SINTER',
  'SUNION',
  'SDIFF',
]);
const ZERO_COUNTS = new Set([
  'EXISTS',
  'DEL',
  'UNLINK',
  'PERSIST',
  'HDEL',
  'SREM',
  'ZREM',
  'LREM',
  'SISMEMBER',
  'SCARD',
  'LLEN',
  'ZCARD',
  'HLEN',
  'HEXISTS',
  'STRLEN',
  'PUBLISH',
  'DBSIZE',
  'XLEN',
  'XDEL',
  'XTRIM',
]);
const ONE_COUNTS = new Set([
  'EXPIRE',
  'PEXPIRE',
  'EXPIREAT',
  'PEXPIREAT',
  'SETNX',
  'HSETNX',
  'MSETNX',
  'INCR',
  'HINCRBY',
  'RENAMENX',
]);

/** `argv[0]` is the command name in upper case. */
export function startupReply(argv: readonly string[]): RespValue {
  const [name = '', ...args] = argv;
  if (NIL_READS.has(name)) return NULL;
  if (EMPTY_LISTS.has(name)) return EMPTY;
  if (ZERO_COUNTS.has(name)) return int(0);
  if (ONE_COUNTS.has(name)) return int(1);
  switch (name) {
    case 'SET':
      // SET ... GET returns the old value, of which there is none.
      return args.some((a) => a.toUpperCase() === 'GET') ? NULL : OK;
    case 'MGET':
      return { type: 'array', items: args.map(() => NULL) };
    case 'HMGET':
      return { type: 'array', items: args.slice(1).map(() => NULL) };
    case 'RPUSH':
    case 'LPUSH':
    case 'SADD':
    case 'ZADD':
    case 'PFADD':
      return int(Math.max(1, args.length - 1));
    case 'HSET':
      return int(Math.max(1, Math.floor((args.length - 1) / 2)));
    case 'INCRBY':
    case 'DECRBY':
      return int(Number(args[1]) * (name === 'DECRBY' ? -1 : 1) || 0);
    case 'DECR':
      return int(-1);
    case 'TTL':
    case 'PTTL':
      return int(-2);
    case 'TYPE':
      return { type: 'simple', value: 'none' };
    case 'SCAN':
    case 'HSCAN':
    case 'SSCAN':
    case 'ZSCAN':
      return { type: 'array', items: [{ type: 'bulk', value: '0' }, EMPTY] };
    case 'XADD':
      return { type: 'bulk', value: `${Date.now()}-0` };
    default:
      return OK;
  }
}
