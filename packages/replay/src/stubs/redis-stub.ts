/**
 * The Redis stub: a RESP server that is a thin IO shell around `decideRedis`. Replies go out in
 * command order per connection, as Redis sends them, so a held command (a recorded timeout) holds
 * back the replies behind it on its connection, as a blocked real connection would.
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { DivergenceLog } from './divergence-log.js';
import { listenAt } from './listen.js';
import { decideRedis, type RedisDbQueue, type RedisDecision } from './redis-decide.js';
import type { RedisConnection } from './redis-handshake.js';
import type { RedisReplyAction } from './redis-reply.js';
import { encodeResp, RespCommandParser, type RespProtocol, type RespValue } from './resp-codec.js';

/** One Redis listener and the recorded databases it serves. */
export interface RedisStubOptions {
  host: string;
  /** 0: any free port. */
  port: number;
  queues: RedisDbQueue[];
  /** `host:port` as recorded. */
  server: string;
  latencyScale: number;
  log: DivergenceLog;
  /** The reply to a command the recording lacks; without it such commands get an error reply. */
  offRecord?: (words: string[]) => RespValue;
}

/** Settles when the stub closes: what a held command waits for. */
type Never = Promise<void>;

/** A listening Redis stub; `close()` drops every connection, held ones included. */
export class RedisStub {
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private nextId = 1;
  private closing = false;
  private release: () => void = () => undefined;
  private readonly closed: Never = new Promise((resolve) => {
    this.release = resolve;
  });

  private constructor(
    private readonly options: RedisStubOptions,
    private readonly listener: Server,
    readonly address: { host: string; port: number },
  ) {}

  /** @throws StubError `FB_STUB_LISTEN_FAILED` */
  static async listen(options: RedisStubOptions): Promise<RedisStub> {
    const listener = createServer();
    const address = await listenAt(listener, options.host, options.port, `redis ${options.server}`);
    const stub = new RedisStub(options, listener, address);
    listener.on('connection', (socket) => stub.onConnection(socket));
    return stub;
  }

  private onConnection(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    const connection: RedisConnection = { id: this.nextId++, protocol: 2, db: 0, name: undefined };
    const parser = new RespCommandParser();
    let replies: Promise<void> = Promise.resolve();
    socket.on('data', (chunk: Buffer) => {
      let commands: Buffer[][];
      try {
        commands = parser.push(chunk);
      } catch (error: unknown) {
        const message = error instanceof Error ? error.message : String(error);
        socket.end(
          encodeResp({ type: 'error', value: `ERR Protocol error: ${message}` }, connection.protocol),
        );
        return;
      }
      for (const argv of commands) {
        const arrived = performance.now();
        const decision = this.decide(connection, argv);
        if (decision.divergence) this.options.log.add(decision.divergence);
        if (decision.update) Object.assign(connection, decision.update);
        // Encoded in the protocol in force after the command: HELLO 3 is answered in RESP3.
        const protocol = connection.protocol;
        const close = decision.close === true;
        replies = replies.then(() => this.perform(socket, decision.action, protocol, arrived, close));
      }
    });
  }

  private decide(connection: RedisConnection, argv: Buffer[]): RedisDecision {
    try {
      return decideRedis(
        this.options.queues,
        this.options.server,
        connection,
        argv,
        this.options.latencyScale,
        this.options.offRecord,
      );
    } catch (error: unknown) {
      // A recorded value this stub cannot encode must not take the whole replay down.
      const message = error instanceof Error ? error.message : String(error);
      return {
        action: {
          kind: 'reply',
          delayMs: 0,
          value: { type: 'error', value: `ERR flashback stub failure: ${message}` },
        },
        divergence: undefined,
      };
    }
  }

  private async perform(
    socket: Socket,
    action: RedisReplyAction,
    protocol: RespProtocol,
    arrived: number,
    close: boolean,
  ): Promise<void> {
    switch (action.kind) {
      case 'reply':
        await this.until(arrived + action.delayMs);
        if (socket.destroyed || this.closing) return;
        socket.write(encodeResp(action.value, protocol));
        if (close) socket.end();
        return;
      case 'hold':
        if (action.releaseAfterMs === undefined) return this.closed;
        await this.until(arrived + action.releaseAfterMs);
        if (!socket.destroyed && !this.closing) socket.write(encodeResp({ type: 'null' }, protocol));
        return;
      case 'reset':
        await this.until(arrived + action.delayMs);
        if (!socket.destroyed) socket.resetAndDestroy();
        return;
    }
  }

  /** Resolves at `time` (a `performance.now()` value), or when the stub closes. */
  private until(time: number): Promise<void> {
    const wait = time - performance.now();
    if (wait <= 0 || this.closing) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, wait);
      this.timers.add(timer);
      this.closed.then(resolve, resolve);
    });
  }

  /** Stops listening and drops every connection, held ones included. */
  async close(): Promise<void> {
    this.closing = true;
    this.release();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    const closed = new Promise<void>((resolve) => this.listener.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }
}
