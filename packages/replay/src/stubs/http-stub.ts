/**
 * The HTTP(S) stub: a thin IO shell around `decideHttp`. One listener serves plain HTTP and TLS
 * on the same port (the first byte of a connection tells them apart), so origins recorded with
 * different schemes on one port still work.
 */
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import { type SecureContext, TLSSocket } from 'node:tls';
import type { DivergenceLog } from './divergence-log.js';
import { decideHttp, type HttpRoute } from './http-decide.js';
import type { HttpReplyAction, HttpResponseParts } from './http-reply.js';
import { listenAt } from './listen.js';
import type { OffRecordHttpResponse } from './stub-types.js';

/** One HTTP(S) listener and the recorded origins it serves. */
export interface HttpStubOptions {
  host: string;
  /** 0: any free port. */
  port: number;
  routes: HttpRoute[];
  /** Certificate and key for TLS connections; without them TLS handshakes fail. */
  tls: SecureContext | undefined;
  latencyScale: number;
  log: DivergenceLog;
  offRecord?: readonly OffRecordHttpResponse[];
}

/** The first byte of a TLS ClientHello record. */
const TLS_HANDSHAKE = 0x16;

/** A listening HTTP(S) stub; `close()` drops every connection, held ones included. */
export class HttpStub {
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  /** The TCP socket under each TLS socket: a reset must reach TCP, below TLS. */
  private readonly tcpOf = new WeakMap<Socket, Socket>();
  private closing = false;

  private constructor(
    private readonly options: HttpStubOptions,
    private readonly listener: Server,
    readonly address: { host: string; port: number },
  ) {}

  /** @throws StubError `FB_STUB_LISTEN_FAILED` */
  static async listen(options: HttpStubOptions): Promise<HttpStub> {
    const listener = createServer();
    const origins = options.routes.map((route) => route.plan.origin).join(', ');
    const address = await listenAt(listener, options.host, options.port, origins);
    const stub = new HttpStub(options, listener, address);
    const http = createHttpServer((req, res) => stub.onRequest(req, res));
    // Malformed requests and clients that vanish mid-request: nothing to replay.
    http.on('clientError', (_error, socket) => socket.destroy());
    listener.on('connection', (socket) => stub.onConnection(socket, (s) => http.emit('connection', s)));
    return stub;
  }

  private onConnection(socket: Socket, serve: (socket: Socket) => void): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.once('data', (first: Buffer) => {
      socket.pause();
      socket.unshift(first);
      if (first[0] === TLS_HANDSHAKE && this.options.tls) {
        const secure = new TLSSocket(socket, {
          isServer: true,
          secureContext: this.options.tls,
          ALPNProtocols: ['http/1.1'],
        });
        this.tcpOf.set(secure, socket);
        secure.on('error', () => secure.destroy());
        serve(secure);
      } else {
        serve(socket);
        socket.resume();
      }
    });
  }

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    const arrived = performance.now();
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('error', () => res.destroy());
    req.on('end', () => {
      if (this.closing) return;
      try {
        const decision = decideHttp(
          this.options.routes,
          {
            method: req.method ?? 'GET',
            target: req.url ?? '/',
            headers: req.headers,
            body: Buffer.concat(chunks),
          },
          this.options.latencyScale,
          this.options.offRecord,
        );
        if (decision.divergence) this.options.log.add(decision.divergence);
        if (decision.kind !== 'replay') send(res, decision.response);
        else this.perform(decision.action, req, res, arrived);
      } catch (error: unknown) {
        // A recording this stub cannot replay must not take the whole replay down.
        send(res, stubFailure(error));
      }
    });
  }

  private perform(action: HttpReplyAction, req: IncomingMessage, res: ServerResponse, arrived: number): void {
    switch (action.kind) {
      case 'respond':
        this.at(arrived + action.delayMs, () => send(res, action));
        return;
      case 'hold':
        // The client gives up on its own; `close()` releases whatever is still held.
        if (action.partial) begin(res, action.partial);
        return;
      case 'reset':
        this.at(arrived + action.delayMs, () => {
          const reset = () => this.reset(req.socket);
          if (action.partial) begin(res, action.partial, () => setImmediate(reset));
          else reset();
        });
        return;
    }
  }

  /** A TCP reset (RST), so the client sees ECONNRESET rather than an orderly close. */
  private reset(socket: Socket): void {
    const tcp = this.tcpOf.get(socket) ?? socket;
    if (!tcp.destroyed) tcp.resetAndDestroy();
  }

  /** Runs `fn` at `time` (a `performance.now()` value), unless the stub closed by then. */
  private at(time: number, fn: () => void): void {
    const wait = time - performance.now();
    if (wait <= 0) {
      fn();
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.closing) fn();
    }, wait);
    this.timers.add(timer);
  }

  /** Stops listening and drops every connection, held ones included. */
  async close(): Promise<void> {
    this.closing = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    const closed = new Promise<void>((resolve) => this.listener.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }
}

function send(res: ServerResponse, parts: HttpResponseParts): void {
  begin(res, parts);
  if (!res.destroyed) res.end();
}

/** Writes the recorded head and body without ending the response. */
function begin(res: ServerResponse, parts: HttpResponseParts, written?: () => void): void {
  if (res.destroyed) return;
  // The recorded headers carry the recorded Date, or none if the server sent none.
  res.sendDate = false;
  const { status, statusText, headers } = parts.head;
  try {
    if (statusText === undefined) res.writeHead(status, headers);
    else res.writeHead(status, statusText, headers);
  } catch {
    // A recorded header Node refuses to send (a control character): the closest is no answer.
    res.destroy();
    return;
  }
  res.write(parts.body, () => written?.());
}

function stubFailure(error: unknown): HttpResponseParts {
  const body = Buffer.from(
    `flashback stub failure: ${error instanceof Error ? error.message : String(error)}`,
  );
  return {
    head: {
      status: 500,
      statusText: 'Flashback Stub Failure',
      headers: { 'content-type': 'text/plain; charset=utf-8', 'content-length': String(body.byteLength) },
    },
    body,
  };
}
