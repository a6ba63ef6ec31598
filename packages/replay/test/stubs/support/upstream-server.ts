/**
 * A real upstream HTTP API for recording exchanges: JSON errors with request ids and cookies, a
 * gzip-compressed answer, binary bytes, a form endpoint, an HTML 503 page, an answer that never
 * comes and a connection reset.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { gzipSync } from 'node:zlib';

export interface Upstream {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** How long GET /v1/customers/42 takes, so its recorded latency is measurable. */
export const CUSTOMER_DELAY_MS = 120;

export const BINARY_BODY = Buffer.from(Array.from({ length: 256 }, (_, i) => i));

export async function startUpstream(): Promise<Upstream> {
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => route(req, res, Buffer.concat(chunks).toString()));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function route(req: IncomingMessage, res: ServerResponse, body: string): void {
  const url = new URL(req.url ?? '/', 'http://upstream');
  const key = `${req.method} ${url.pathname}`;
  switch (key) {
    case 'POST /v1/charges': {
      const charge = JSON.parse(body) as { amount: number };
      res.writeHead(402, 'Payment Required', {
        'content-type': 'application/json',
        'x-request-id': `req_${randomUUID()}`,
        'set-cookie': ['session=abc; Path=/; HttpOnly', 'region=eu; Path=/'],
      });
      res.end(
        JSON.stringify({
          error: { code: 'card_declined', amount: charge.amount, decline_code: 'insufficient_funds' },
        }),
      );
      return;
    }
    case 'GET /v1/customers/42':
    case 'HEAD /v1/customers/42': {
      const json = JSON.stringify({
        id: 42,
        name: 'Ada Lovelace',
        cards: url.searchParams.get('expand') === 'cards' ? ['card_1'] : [],
      });
      const gzipped = gzipSync(json);
      setTimeout(() => {
        res.writeHead(200, {
          'content-type': 'application/json',
          'content-encoding': 'gzip',
          'content-length': gzipped.byteLength,
          etag: '"v7"',
        });
        res.end(req.method === 'HEAD' ? undefined : gzipped);
      }, CUSTOMER_DELAY_MS);
      return;
    }
    case 'GET /binary':
      res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(BINARY_BODY);
      return;
    case 'POST /v1/tokens':
      res
        .writeHead(201, { 'content-type': 'application/json' })
        .end(JSON.stringify({ id: 'tok_1', fields: [...new URLSearchParams(body).keys()] }));
      return;
    case 'GET /status':
      res
        .writeHead(503, { 'content-type': 'text/html' })
        .end('<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>');
      return;
    case 'GET /slow':
      // Never answers: the client gives up.
      return;
    case 'GET /reset':
      req.socket.resetAndDestroy();
      return;
    default:
      res.writeHead(404).end();
  }
}
