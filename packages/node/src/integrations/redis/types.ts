/**
 * The parts of node-redis (`redis` / `@redis/client`) the integration touches, as structural
 * types, so the SDK never imports it. Checked against @redis/client 5.x and 6.x
 * (`dist/lib/client/index.js`, `dist/lib/client/commands-queue.js`).
 */

/** Per-command options node-redis hands to its commands queue. */
export interface NodeRedisCommandOptions {
  /** Cancels the command; a signal from `AbortSignal.timeout()` aborts with a TimeoutError. */
  abortSignal?: AbortSignal;
  /** Client-side command timeout in ms (node-redis rejects with its `TimeoutError`). */
  timeout?: number;
}

/**
 * `RedisCommandsQueue`: every command of a connection passes through `addCommand` — single
 * commands, raw `sendCommand`, pipelines, MULTI/EXEC, scripts and the handshake.
 */
export interface NodeRedisCommandsQueue {
  addCommand(args: readonly unknown[], options?: NodeRedisCommandOptions): Promise<unknown>;
}

export interface NodeRedisClientOptions {
  socket?: { host?: string; port?: number; path?: string };
  database?: number;
}

/** A `RedisClient` (one connection), or a proxy of one made by `withCommandOptions()` & co. */
export interface NodeRedisClient {
  /** The client behind a proxy. */
  _self?: NodeRedisClient;
  /** Internal accessor of the client's commands queue. */
  _getQueue?: () => unknown;
  /** The resolved options (a `url` is already parsed into `socket` and `database`). */
  options?: NodeRedisClientOptions;
}

/** `require('@redis/client')` (re-exported by `redis`). */
export interface NodeRedisModule {
  RedisClient?: { prototype: { connect: (...args: unknown[]) => unknown } };
}
