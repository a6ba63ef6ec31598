/** Whether the app's port is free before it starts, and when the app is ready to be asked. */
import http from 'node:http';
import net from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import type { AppProcess } from './app-process.js';
import { ReproError } from './errors.js';

/**
 * Sent with every readiness probe. The replay clock in `@flashback/node` (same literal) ignores
 * requests carrying it, so probing does not start the pinned clock before the trigger arrives.
 */
export const READY_PROBE_HEADER = 'x-flashback-ready-probe';

const POLL_MS = 25;
const PROBE_RETRIES = 3;
const PROBE_RETRY_MS = 50;
const LOG_TAIL = 2000;

/**
 * @throws ReproError `FB_REPRO_PORT_IN_USE` when something already listens there: probing it
 * would take that for the app being ready, and the trigger would go to the wrong process.
 */
export async function assertPortFree(port: number): Promise<void> {
  let error = await listenError(port);
  // Another runner on this host may be probing the same port this instant (its probe listens for
  // a moment too); something that really listens there is still there a little later.
  for (let retry = 0; error?.code === 'EADDRINUSE' && retry < PROBE_RETRIES; retry++) {
    await delay(PROBE_RETRY_MS);
    error = await listenError(port);
  }
  if (error === undefined) return;
  const why =
    error.code === 'EADDRINUSE' ? 'is already in use' : `cannot be used (${error.code ?? error.message})`;
  throw new ReproError(
    'FB_REPRO_PORT_IN_USE',
    `port ${port} ${why}: stop what listens there or start the app on another port (--port)`,
    { cause: error },
  );
}

export async function isPortFree(port: number): Promise<boolean> {
  return (await listenError(port)) === undefined;
}

/** Why listening on 127.0.0.1:`port` fails, or undefined when it works (the probe is closed again). */
async function listenError(port: number): Promise<NodeJS.ErrnoException | undefined> {
  const server = net.createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: '127.0.0.1', port, exclusive: true }, resolve);
    });
    return undefined;
  } catch (error: unknown) {
    return error as NodeJS.ErrnoException;
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

export interface ReadyOptions {
  port: number;
  readyPath?: string;
  app: AppProcess;
  /** Epoch ms. */
  deadline: number;
}

/**
 * Polls until the app answers `readyPath` below 500 (or accepts connections on its port).
 *
 * @throws ReproError `FB_REPRO_APP_EXITED` when the app exits first, `FB_REPRO_APP_NOT_READY` at
 * the deadline; both carry the tail of the app's output.
 */
export async function waitUntilReady(options: ReadyOptions): Promise<void> {
  const { app, port, readyPath } = options;
  const what =
    readyPath === undefined
      ? `accept connections on port ${port}`
      : `answer GET ${readyPath} on port ${port}`;
  for (;;) {
    const exit = app.exit();
    if (exit !== undefined) {
      const how = exit.signal === null ? `with code ${exit.code}` : `on signal ${exit.signal}`;
      throw new ReproError('FB_REPRO_APP_EXITED', `the app exited ${how} before it was ready to ${what}`, {
        detail: tail(app.log()),
      });
    }
    if (await probe(port, readyPath)) return;
    if (Date.now() >= options.deadline) {
      throw new ReproError('FB_REPRO_APP_NOT_READY', `the app did not ${what} in time`, {
        detail: tail(app.log()),
      });
    }
    await Promise.race([delay(POLL_MS), app.exited]);
  }
}

function probe(port: number, readyPath: string | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    if (readyPath === undefined) {
      const socket = net.connect({ host: '127.0.0.1', port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
      return;
    }
    const req = http.get(
      {
        host: '127.0.0.1',
        port,
        path: readyPath,
        headers: { [READY_PROBE_HEADER]: '1' },
        agent: false,
        timeout: 1000,
      },
      (res) => {
        res.resume();
        resolve((res.statusCode ?? 500) < 500);
      },
    );
    req.once('timeout', () => req.destroy());
    req.once('error', () => resolve(false));
  });
}

function tail(log: string): string {
  return log.length > LOG_TAIL ? `…${log.slice(-LOG_TAIL)}` : log;
}
