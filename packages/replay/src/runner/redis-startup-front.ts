/**
 * Stands where the app expects a Redis server, in front of its stub. Until `arm()` it answers the
 * app's startup commands itself (see `startupReply`), so they neither stop the app from starting
 * nor consume or pollute the recording. `arm()`, just before the replayed request, drops those
 * connections; the client reconnects (ioredis and node-redis do so on their own), and from then
 * on every connection is piped to the stub, which replays the recorded replies.
 */
import net from 'node:net';
import {
  answerConnectionCommand,
  isConnectionCommand,
  type RedisConnection,
} from '../stubs/redis-handshake.js';
import { encodeResp, RespCommandParser } from '../stubs/resp-codec.js';
import type { HostPort } from './recorded-endpoints.js';
import { startupReply } from './redis-startup-replies.js';

export class RedisStartupFront {
  readonly address: HostPort;
  /** Commands answered before arming, e.g. `SET`, in order (names only). */
  readonly startupCommands: string[] = [];
  readonly #server: net.Server;
  readonly #upstream: HostPort;
  readonly #sockets = new Set<net.Socket>();
  #armed = false;
  #nextId = 1;

  private constructor(server: net.Server, address: HostPort, upstream: HostPort) {
    this.#server = server;
    this.address = address;
    this.#upstream = upstream;
    server.on('connection', (socket) => this.#accept(socket));
  }

  /** @param at where the app expects Redis (port 0 for a free one). */
  static async listen(at: HostPort, upstream: HostPort): Promise<RedisStartupFront> {
    const server = net.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: at.host, port: at.port, exclusive: true }, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const bound = server.address();
    const port = typeof bound === 'object' && bound !== null ? bound.port : at.port;
    return new RedisStartupFront(server, { host: at.host, port }, upstream);
  }

  arm(): void {
    if (this.#armed) return;
    this.#armed = true;
    for (const socket of this.#sockets) socket.destroy();
    this.#sockets.clear();
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #accept(socket: net.Socket): void {
    this.#sockets.add(socket);
    socket.once('close', () => this.#sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    if (this.#armed) this.#pipe(socket);
    else this.#answer(socket);
  }

  #pipe(socket: net.Socket): void {
    const upstream = net.connect(this.#upstream);
    upstream.on('error', () => socket.destroy());
    socket.once('close', () => upstream.destroy());
    upstream.once('close', () => socket.destroy());
    socket.pipe(upstream);
    upstream.pipe(socket);
  }

  #answer(socket: net.Socket): void {
    const parser = new RespCommandParser();
    const connection: RedisConnection = { id: this.#nextId++, protocol: 2, db: 0, name: undefined };
    socket.on('data', (chunk: Buffer) => {
      let commands: Buffer[][];
      try {
        commands = parser.push(chunk);
      } catch {
        socket.destroy();
        return;
      }
      for (const argv of commands) {
        const words = argv.map((arg) => arg.toString('utf8'));
        const name = (words[0] ?? '').toUpperCase();
        const upper = [name, ...words.slice(1)];
        if (isConnectionCommand(name)) {
          const answer = answerConnectionCommand(upper, connection);
          // HELLO 3 is itself answered in RESP3.
          Object.assign(connection, answer.update ?? {});
          socket.write(encodeResp(answer.value, connection.protocol));
          if (answer.close) socket.end();
          continue;
        }
        this.startupCommands.push(name);
        socket.write(encodeResp(startupReply(upper), connection.protocol));
      }
    });
  }
}
