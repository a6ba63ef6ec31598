import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@flashback/ports';
import { removeOnExit } from './exit-cleanup.js';
import { spawnManaged } from './managed-process.js';
import { waitFor } from './wait-for.js';

export interface RedisServer {
  /** `redis://127.0.0.1:<port>`. */
  url: string;
  port: number;
  /** Stops the server and removes its directory. Safe to call twice. */
  stop(): Promise<void>;
}

export interface StartRedisOptions {
  /** The `redis-server` binary. Default: `redis-server` from PATH. */
  binary?: string;
  readyTimeoutMs?: number;
}

/** Starts a real, throwaway `redis-server` on 127.0.0.1 with persistence off. */
export async function startRedis(options: StartRedisOptions = {}): Promise<RedisServer> {
  const dir = await mkdtemp(join(tmpdir(), 'flashback-redis-'));
  const forgetDir = removeOnExit(dir);
  const port = await freePort();
  const binary = options.binary ?? 'redis-server';
  let server: ReturnType<typeof spawnManaged>;
  try {
    server = spawnManaged(
      binary,
      [
        '--bind',
        '127.0.0.1',
        '--port',
        String(port),
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        dir,
        '--daemonize',
        'no',
      ],
      { cwd: dir },
    );
  } catch (error: unknown) {
    await rm(dir, { recursive: true, force: true });
    forgetDir();
    throw new Error(`${(error as Error).message}; install the Debian package redis-server`);
  }

  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= server.stop('SIGTERM', 10_000).then(async () => {
      await rm(dir, { recursive: true, force: true });
      forgetDir();
    });
    return stopped;
  };

  try {
    const exited = new AbortController();
    void server.exited.then((info) =>
      exited.abort(
        new Error(
          `redis-server exited (code ${info.code}) while starting${info.code === 127 ? ' (install the Debian package redis-server)' : ''}:\n${server.stderr()}${server.stdout()}`,
        ),
      ),
    );
    await waitFor(() => ping(port), {
      what: `redis-server on 127.0.0.1:${port} to answer PING`,
      timeoutMs: options.readyTimeoutMs ?? 15_000,
      signal: exited.signal,
    });
  } catch (error: unknown) {
    await stop();
    throw error;
  }
  return { url: `redis://127.0.0.1:${port}`, port, stop };
}

/** One RESP round trip; true once the server answers `+PONG`. */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    let reply = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.setEncoding('utf8').on('data', (chunk: string) => {
      reply += chunk;
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
  });
}
