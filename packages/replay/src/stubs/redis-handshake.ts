/**
 * Connection-level commands the SDK never records (clients send them while connecting): HELLO,
 * AUTH, CLIENT SETINFO/SETNAME, SELECT, INFO (ioredis' ready check), PING, READONLY, COMMAND.
 * Answered as a Redis 7 standalone server would, so real clients connect unchanged. Pure.
 */
import type { RespProtocol, RespValue } from './resp-codec.js';

/** Per-connection state the handshake sets. */
export interface RedisConnection {
  id: number;
  protocol: RespProtocol;
  db: number;
  name: string | undefined;
}

/** The reply to a connection command and its effect on the connection. */
export interface ConnectionAnswer {
  value: RespValue;
  update?: Partial<Omit<RedisConnection, 'id'>>;
  /** Close the connection once the reply is written (QUIT). */
  close?: boolean;
}

const SERVER_VERSION = '7.4.0';
const OK: RespValue = { type: 'simple', value: 'OK' };

const CONNECTION_COMMANDS = new Set([
  'HELLO',
  'AUTH',
  'CLIENT',
  'SELECT',
  'INFO',
  'PING',
  'ECHO',
  'READONLY',
  'READWRITE',
  'COMMAND',
  'QUIT',
  'RESET',
]);

/** Whether clients may send `name` while connecting (and the SDK never records it then). */
export function isConnectionCommand(name: string): boolean {
  return CONNECTION_COMMANDS.has(name);
}

/**
 * The answer to a connection command. `argv` holds the command name (upper case) and its args.
 *
 * @example
 * answerConnectionCommand(['HELLO', '3'], connection).update; // { protocol: 3 }
 */
export function answerConnectionCommand(
  argv: readonly string[],
  connection: RedisConnection,
): ConnectionAnswer {
  const [name = '', ...args] = argv;
  switch (name) {
    case 'HELLO':
      return hello(args, connection);
    case 'SELECT': {
      const db = Number(args[0]);
      if (!Number.isInteger(db) || db < 0) return error('ERR DB index is out of range');
      return { value: OK, update: { db } };
    }
    case 'CLIENT':
      return client(args, connection);
    case 'INFO':
      return { value: { type: 'bulk', value: info() } };
    case 'PING':
      return {
        value: args[0] === undefined ? { type: 'simple', value: 'PONG' } : { type: 'bulk', value: args[0] },
      };
    case 'ECHO':
      return { value: { type: 'bulk', value: args[0] ?? '' } };
    case 'COMMAND':
      return {
        value:
          args[0]?.toUpperCase() === 'COUNT' ? { type: 'integer', value: 0 } : { type: 'array', items: [] },
      };
    case 'QUIT':
      return { value: OK, close: true };
    case 'RESET':
      return { value: { type: 'simple', value: 'RESET' }, update: { protocol: 2, db: 0, name: undefined } };
    default:
      // AUTH, READONLY, READWRITE: accepted, the stub has no users and no cluster.
      return { value: OK };
  }
}

function hello(args: readonly string[], connection: RedisConnection): ConnectionAnswer {
  let protocol = connection.protocol;
  if (args[0] !== undefined) {
    if (args[0] !== '2' && args[0] !== '3') return error('NOPROTO unsupported protocol version');
    protocol = args[0] === '3' ? 3 : 2;
  }
  const at = args.findIndex((arg) => arg.toUpperCase() === 'SETNAME');
  const name = at >= 0 ? args[at + 1] : connection.name;
  const fields: [string, RespValue][] = [
    ['server', { type: 'bulk', value: 'redis' }],
    ['version', { type: 'bulk', value: SERVER_VERSION }],
    ['proto', { type: 'integer', value: protocol }],
    ['id', { type: 'integer', value: connection.id }],
    ['mode', { type: 'bulk', value: 'standalone' }],
    ['role', { type: 'bulk', value: 'master' }],
    ['modules', { type: 'array', items: [] }],
  ];
  return {
    value: { type: 'map', entries: fields.map(([key, value]) => [{ type: 'bulk', value: key }, value]) },
    update: { protocol, name },
  };
}

function client(args: readonly string[], connection: RedisConnection): ConnectionAnswer {
  switch (args[0]?.toUpperCase()) {
    case 'SETNAME':
      return { value: OK, update: { name: args[1] } };
    case 'GETNAME':
      return {
        value: connection.name === undefined ? { type: 'null' } : { type: 'bulk', value: connection.name },
      };
    case 'ID':
      return { value: { type: 'integer', value: connection.id } };
    case 'INFO':
    case 'LIST':
      return {
        value: {
          type: 'bulk',
          value: `id=${connection.id} name=${connection.name ?? ''} db=${connection.db} resp=${connection.protocol}\n`,
        },
      };
    default:
      // SETINFO, MAINT_NOTIFICATIONS, TRACKING, NO-EVICT, …: accepted and ignored.
      return { value: OK };
  }
}

/** Just what clients read: ioredis waits for `loading:0`, some read the version and role. */
function info(): string {
  return [
    '# Server',
    `redis_version:${SERVER_VERSION}`,
    'redis_mode:standalone',
    'arch_bits:64',
    '',
    '# Persistence',
    'loading:0',
    'async_loading:0',
    '',
    '# Replication',
    'role:master',
    'connected_slaves:0',
    '',
  ].join('\r\n');
}

function error(value: string): ConnectionAnswer {
  return { value: { type: 'error', value } };
}
