/**
 * Free TCP ports below the kernel's ephemeral range. A port is released before a server takes it,
 * and a server takes a while to start listening: a port from the ephemeral range could meanwhile be
 * drawn as the local port of any outgoing connection on the machine (a database pool, a Redis
 * client), so ports are picked at random below that range, where only an explicit listener can
 * take one.
 */
import { createServer } from 'node:net';
import { ephemeralRange } from './ephemeral-range.js';

// Above the well-known and most registered ports.
const LOWEST_CANDIDATE = 10_000;

/**
 * A port below `range` that `isFree` accepts, tried at random so that concurrent callers rarely
 * meet on one; undefined after `attempts` misses.
 */
export async function freePortBelow(
  range: [number, number],
  isFree: (candidate: number) => Promise<boolean>,
  attempts = 20,
): Promise<number | undefined> {
  const span = range[0] - LOWEST_CANDIDATE;
  if (span <= 0) return undefined;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const candidate = LOWEST_CANDIDATE + Math.floor(Math.random() * span);
    if (await isFree(candidate)) return candidate;
  }
  return undefined;
}

/**
 * A TCP port free on 127.0.0.1 right now: below the ephemeral range where one is found, else the
 * kernel's own choice.
 *
 * @example
 * const port = await freePort();
 * server.listen(port, '127.0.0.1');
 */
export async function freePort(): Promise<number> {
  const range = await ephemeralRange();
  const below = range === undefined ? undefined : await freePortBelow(range, canListen);
  return below ?? kernelPort();
}

/** Whether 127.0.0.1:`port` can be listened on (the probe is closed again). */
function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

function kernelPort(): Promise<number> {
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
