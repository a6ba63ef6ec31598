import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

const LOWEST = 10_000;
const ATTEMPTS = 20;

/**
 * A TCP port free on 127.0.0.1 right now, for a server a test starts next.
 *
 * The port is released before it is returned, and a service takes a while to start listening.
 * A port from the kernel's ephemeral range could meanwhile be drawn as the local port of any
 * outgoing connection on the machine (every test's database and Redis clients), so the port is
 * picked at random below that range, where only an explicit listener can take it; the kernel's
 * own choice is the fallback.
 */
export async function freePort(): Promise<number> {
  const low = ephemeralLow();
  if (low !== undefined && low - LOWEST > ATTEMPTS) {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const port = LOWEST + Math.floor(Math.random() * (low - LOWEST));
      if (await canListen(port)) return port;
    }
  }
  return kernelPort();
}

function ephemeralLow(): number | undefined {
  try {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    return Number.isInteger(low) ? low : undefined;
  } catch {
    return undefined;
  }
}

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
