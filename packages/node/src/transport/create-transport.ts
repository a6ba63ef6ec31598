import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { debug } from '../debug-logger.js';
import type { ResolvedOptions } from '../options.js';
import { FileTransport } from './file-transport.js';
import { HttpTransport } from './http-transport.js';
import type { HttpTransportOptions } from './http-transport-options.js';
import { ingestEndpoint } from './ingest-endpoint.js';
import { MultiTransport } from './multi-transport.js';
import type { Transport } from './types.js';

/** The options a transport depends on. */
export type TransportOptions = Pick<ResolvedOptions, 'dsn' | 'outputDir' | 'spoolDir' | 'service'>;

/**
 * Builds the transport the options ask for: the file output, the collector, or both. Returns
 * undefined, with a debug warning, when neither is configured, since captured packages would have
 * nowhere to go.
 *
 * @example
 * const transport = createTransport(resolveOptions({ dsn: 'http://key@localhost:4700/checkout' }));
 * transport?.send(pkg);
 */
export function createTransport(
  options: TransportOptions,
  tuning: Omit<HttpTransportOptions, 'spoolDir'> = {},
): Transport | undefined {
  const transports: Transport[] = [];
  if (options.outputDir) transports.push(new FileTransport(options.outputDir));
  const endpoint = options.dsn ? ingestEndpoint(options.dsn) : undefined;
  if (endpoint) {
    const spoolDir = options.spoolDir ?? defaultSpoolDir(options.service);
    transports.push(new HttpTransport(endpoint, { ...tuning, spoolDir }));
  }
  if (transports.length === 0) {
    debug.warn(
      'no FLASHBACK_DSN and no FLASHBACK_OUTPUT_DIR: captured packages have nowhere to go and are dropped',
    );
    return undefined;
  }
  return transports.length === 1 ? transports[0] : new MultiTransport(transports);
}

/** `<tmpdir>/flashback-spool/<service>`: per service, so services on one host never share a spool. */
export function defaultSpoolDir(service: string | undefined): string {
  const name = (service ?? 'default').replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '') || 'default';
  return join(tmpdir(), 'flashback-spool', name);
}
