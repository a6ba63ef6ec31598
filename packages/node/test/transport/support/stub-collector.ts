import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import type { ErrorPackage } from '@flashback/protocol/types';

/** One request the stub collector received, decoded. */
export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  /** The decoded `packages` of the body, or undefined when it did not decode. */
  packages: ErrorPackage[] | undefined;
  /** performance.now() when the request arrived. */
  at: number;
}

/** What the stub answers: a status with headers and body, or `hang` to never answer. */
export type StubReply = { status: number; headers?: Record<string, string>; body?: string } | 'hang';

export interface StubCollector {
  port: number;
  /** DSN of this collector for project `checkout` and key `test-key`. */
  dsn: string;
  requests: ReceivedRequest[];
  /** Ids of every package received, in arrival order, repeats included. */
  receivedIds(): string[];
  /** Decides each reply; the default acknowledges like the real collector. */
  reply: (request: ReceivedRequest) => StubReply;
  close(): Promise<void>;
}

export interface StubCollectorOptions {
  /** Listen on this port (to bring a "down" collector back); default: any free port. */
  port?: number;
  /** Serve HTTPS with this key and certificate. */
  tls?: { key: string; cert: string };
}

/**
 * A small collector speaking the ingest contract: `POST /api/<project>/packages`, gzip'd JSON
 * `{"packages":[…]}`, reply `{"accepted":[ids],"duplicates":[ids]}` (idempotent by id).
 */
export async function startStubCollector(options: StubCollectorOptions = {}): Promise<StubCollector> {
  const stored = new Set<string>();
  const collector: StubCollector = {
    port: 0,
    dsn: '',
    requests: [],
    receivedIds: () => collector.requests.flatMap((request) => (request.packages ?? []).map((pkg) => pkg.id)),
    reply: (request) => acknowledge(request, stored),
    close: () => close(server),
  };
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request: ReceivedRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        packages: decode(Buffer.concat(chunks), req.headers['content-encoding']),
        at: performance.now(),
      };
      collector.requests.push(request);
      const reply = collector.reply(request);
      if (reply === 'hang') return;
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(reply.body ?? '');
    });
  };
  const server: Server = options.tls ? createHttpsServer(options.tls, handler) : createHttpServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  collector.port = (server.address() as AddressInfo).port;
  const scheme = options.tls ? 'https' : 'http';
  collector.dsn = `${scheme}://test-key@127.0.0.1:${collector.port}/checkout`;
  return collector;
}

function acknowledge(request: ReceivedRequest, stored: Set<string>): StubReply {
  if (request.method !== 'POST' || request.path !== '/api/checkout/packages') return { status: 404 };
  if (request.headers['x-flashback-key'] !== 'test-key') return { status: 401, body: '{"error":"bad key"}' };
  if (!request.packages) return { status: 400, body: '{"error":"not a gzip JSON batch"}' };
  const accepted: string[] = [];
  const duplicates: string[] = [];
  for (const pkg of request.packages) {
    (stored.has(pkg.id) ? duplicates : accepted).push(pkg.id);
    stored.add(pkg.id);
  }
  return { status: 200, body: JSON.stringify({ accepted, duplicates }) };
}

function decode(body: Buffer, encoding: string | undefined): ErrorPackage[] | undefined {
  try {
    const text = encoding === 'gzip' ? gunzipSync(body).toString('utf8') : body.toString('utf8');
    const parsed = JSON.parse(text) as { packages?: unknown };
    return Array.isArray(parsed.packages) ? (parsed.packages as ErrorPackage[]) : undefined;
  } catch {
    return undefined;
  }
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** A loopback port nothing listens on right now: a collector that is down. */
export async function unusedPort(): Promise<number> {
  const server = createHttpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await close(server);
  return port;
}
