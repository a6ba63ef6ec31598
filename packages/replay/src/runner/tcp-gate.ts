/**
 * Listens at once, connects later: takes connections at an address before the server behind it
 * is up, holds them (and whatever the client already sent), and pipes each to the server once
 * `open()` names it. Lets the app start while its PostgreSQL fixture is still being loaded,
 * instead of after: a client's first connection simply waits a little longer.
 */
import net from 'node:net';
import type { HostPort } from './recorded-endpoints.js';

export class TcpGate {
  readonly address: HostPort;
  readonly #server: net.Server;
  readonly #held = new Set<net.Socket>();
  readonly #live = new Set<net.Socket>();
  #target: HostPort | undefined;
  #failed = false;

  private constructor(server: net.Server, address: HostPort) {
    this.#server = server;
    this.address = address;
    server.on('connection', (socket) => this.#accept(socket));
  }

  /**
   * @throws the listen error (EADDRINUSE and the like), for the caller to word.
   */
  static async listen(at: HostPort): Promise<TcpGate> {
    const server = net.createServer({ pauseOnConnect: true });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: at.host, port: at.port, exclusive: true }, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const bound = server.address();
    return new TcpGate(server, {
      host: at.host,
      port: typeof bound === 'object' && bound !== null ? bound.port : at.port,
    });
  }

  /** From now on every connection, held or new, is piped to `target`. */
  open(target: HostPort): void {
    this.#target = target;
    for (const socket of this.#held) this.#pipe(socket, target);
    this.#held.clear();
  }

  /** The server behind will never come: held and new connections are dropped. */
  fail(): void {
    this.#failed = true;
    for (const socket of this.#held) socket.destroy();
    this.#held.clear();
  }

  async close(): Promise<void> {
    for (const socket of [...this.#held, ...this.#live]) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #accept(socket: net.Socket): void {
    socket.on('error', () => socket.destroy());
    if (this.#failed) socket.destroy();
    else if (this.#target !== undefined) this.#pipe(socket, this.#target);
    else {
      this.#held.add(socket);
      socket.once('close', () => this.#held.delete(socket));
    }
  }

  #pipe(socket: net.Socket, target: HostPort): void {
    const upstream = net.connect(target);
    this.#live.add(socket);
    upstream.setNoDelay(true);
    socket.setNoDelay(true);
    upstream.on('error', () => socket.destroy());
    socket.once('close', () => {
      this.#live.delete(socket);
      upstream.destroy();
    });
    upstream.once('close', () => socket.destroy());
    socket.pipe(upstream);
    upstream.pipe(socket);
    socket.resume();
  }
}
