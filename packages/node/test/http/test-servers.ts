import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import net from 'node:net';

const fixtures = new URL('./fixtures/', import.meta.url);

/** A self-signed certificate for 127.0.0.1, for HTTPS servers and the clients that trust it. */
export const tls = {
  key: readFileSync(new URL('localhost-key.pem', fixtures)),
  cert: readFileSync(new URL('localhost-cert.pem', fixtures)),
};

export interface RunningServer<S extends net.Server = http.Server> {
  server: S;
  /** `http://127.0.0.1:<port>` (or https). */
  origin: string;
  port: number;
  close(): Promise<void>;
}

/** Starts a plain HTTP server on 127.0.0.1 and an ephemeral port. */
export function startHttpServer(handler: http.RequestListener): Promise<RunningServer> {
  return listen(http.createServer(handler), 'http');
}

/** Starts an HTTPS server with the test certificate. */
export function startHttpsServer(handler: http.RequestListener): Promise<RunningServer<https.Server>> {
  return listen(https.createServer(tls, handler), 'https');
}

async function listen<S extends net.Server>(server: S, scheme: string): Promise<RunningServer<S>> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    port,
    origin: `${scheme}://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        (server as unknown as http.Server).closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

/** A port on 127.0.0.1 nothing listens on (it was bound, then released). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Reads a Node request or response stream to its end. */
export async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks);
}
