/**
 * The parts of ioredis the integration touches, as structural types, so the SDK never imports
 * ioredis. Checked against ioredis 5.x and 6.x (`built/Redis.js`, `built/Command.js`,
 * `built/Pipeline.js`).
 */

/** An `ioredis` Command: name and args as sent, and the settle hooks its reply handler calls. */
export interface IoredisCommand {
  /** Lower-case command name. */
  name: string;
  /** Arguments after argument transformers and stringification: strings and Buffers. */
  args: unknown[];
  /** Settles the command with an error; called for error replies, timeouts, closed connections. */
  reject: (error: unknown) => void;
  /** Converts a raw reply into what the command resolves with (encoding, HGETALL to object, ...). */
  transformReply: (reply: unknown) => unknown;
  /** Settles with the transformed reply; what `sendCommand` returns. */
  promise?: Promise<unknown>;
}

export interface IoredisOptions {
  host?: string;
  port?: number;
  path?: string;
  db?: number;
}

/** A `Redis` instance (one connection). */
export interface IoredisClient {
  options?: IoredisOptions;
  /** Connection state; `select` is the database the connection currently uses. */
  condition?: { select?: number } | null;
}

export interface IoredisPrototype {
  sendCommand: (command: IoredisCommand, stream?: unknown, node?: unknown) => unknown;
  connect: (callback?: unknown) => unknown;
}

export interface PipelinePrototype {
  sendCommand: (command: IoredisCommand) => unknown;
}

/** `require('ioredis')`: the Redis class, with named exports as properties. */
export interface IoredisModule {
  Redis?: { prototype: IoredisPrototype };
  Pipeline?: { prototype: PipelinePrototype };
  prototype?: IoredisPrototype;
}
