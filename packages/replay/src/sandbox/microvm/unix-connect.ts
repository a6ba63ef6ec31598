/** Connecting to a Unix socket that a process just started is about to create. */
import { connect, type Socket } from 'node:net';

/**
 * Connects to `path`, retrying while it does not exist or refuses (the server is still starting),
 * until `timeoutMs`; gives up early when `gone()` says the server process has ended.
 */
export async function connectWhenListening(
  path: string,
  timeoutMs: number,
  gone: () => boolean,
): Promise<Socket> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    try {
      return await new Promise<Socket>((resolve, reject) => {
        const socket = connect(path);
        socket.once('connect', () => {
          socket.off('error', reject);
          resolve(socket);
        });
        socket.once('error', reject);
      });
    } catch (error: unknown) {
      const code = (error as NodeJS.ErrnoException).code;
      if ((code !== 'ENOENT' && code !== 'ECONNREFUSED') || gone() || performance.now() > deadline)
        throw error;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }
}
