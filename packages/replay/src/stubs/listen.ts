/** Opening listening sockets for the stubs, with errors that say which dependency failed. */
import { createServer, isIP, type Server } from 'node:net';
import { StubError } from './errors.js';

const LOOPBACK = '127.0.0.1';

/**
 * Listens on `host:port`. A recorded address the sandbox did not assign (EADDRNOTAVAIL: a
 * private IP of the production network) falls back to loopback on the same port; the endpoint
 * then reports where it really listens, so the runner can redirect the app there.
 *
 * @throws StubError `FB_STUB_LISTEN_FAILED`
 */
export async function listenAt(
  server: Server,
  host: string,
  port: number,
  what: string,
): Promise<{ host: string; port: number }> {
  try {
    return await listenOnce(server, host, port);
  } catch (error: unknown) {
    if (errorCode(error) === 'EADDRNOTAVAIL' && host !== LOOPBACK) {
      return listenAt(server, LOOPBACK, port, what);
    }
    const hint =
      errorCode(error) === 'EADDRINUSE'
        ? ' (something else listens there; stop it or bind ephemeral ports)'
        : '';
    throw new StubError(
      'FB_STUB_LISTEN_FAILED',
      `the stub for ${what} cannot listen on ${formatHost(host)}:${port}: ${error instanceof Error ? error.message : String(error)}${hint}`,
      { cause: error },
    );
  }
}

/** A loopback port nothing listens on now: connecting to it is refused. */
export async function refusingPort(): Promise<number> {
  const server = createServer();
  const { port } = await listenOnce(server, LOOPBACK, 0);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function listenOnce(server: Server, host: string, port: number): Promise<{ host: string; port: number }> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen({ host, port, exclusive: true }, () => {
      server.off('error', onError);
      const address = server.address();
      resolve({ host, port: typeof address === 'object' && address ? address.port : port });
    });
  });
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function formatHost(host: string): string {
  return isIP(host) === 6 ? `[${host}]` : host;
}
