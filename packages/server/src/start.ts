import type { FastifyInstance } from 'fastify';
import { buildApp } from './app/build-app.js';
import { type BuildAppOptions, DEFAULT_HOST, DEFAULT_PORT } from './config/server-options.js';

export interface StartServerOptions extends BuildAppOptions {
  /** Default 4700; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1: the collector is reachable from this machine only unless asked otherwise. */
  host?: string;
}

export interface RunningServer {
  app: FastifyInstance;
  /** `http://host:port`, with the port actually bound. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Builds the app and listens: the only place that opens a port.
 *
 * @example
 * const server = await startServer({ dataDir: './.flashback' });
 * console.log(`collector on ${server.url}`);
 */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const { port = DEFAULT_PORT, host = DEFAULT_HOST, ...appOptions } = options;
  const app = await buildApp(appOptions);
  try {
    await app.listen({ port, host });
  } catch (error) {
    await app.close();
    throw error;
  }
  const address = app.server.address();
  const boundPort = typeof address === 'object' && address !== null ? address.port : port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return { app, url: `http://${urlHost}:${boundPort}`, port: boundPort, close: () => app.close() };
}
