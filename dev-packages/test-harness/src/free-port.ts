import { createServer } from 'node:net';

/**
 * Asks the kernel for a TCP port that is free on 127.0.0.1 right now.
 *
 * The port is released before it is returned, so another process could take it
 * in between; for loopback test servers started immediately after, that window
 * is small enough.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error('free-port: the kernel did not report a TCP port'));
        return;
      }
      const { port } = address;
      server.close(() => resolve(port));
    });
  });
}
