import { afterEach } from 'vitest';
// Imported first so its clean-up hook is registered first and runs last: transports close before
// their directories are removed.
import './temp-dirs.js';
import { HttpTransport } from '../../../src/transport/http-transport.js';
import type { HttpTransportOptions } from '../../../src/transport/http-transport-options.js';
import { ingestEndpoint } from '../../../src/transport/ingest-endpoint.js';
import type { StubCollector } from './stub-collector.js';

const transports: HttpTransport[] = [];
const collectors: StubCollector[] = [];

afterEach(async () => {
  await Promise.all(transports.splice(0).map((transport) => transport.close(500)));
  await Promise.all(collectors.splice(0).map((collector) => collector.close()));
});

/** Settings that keep tests fast: short batch delay and backoff. */
export const FAST: Omit<HttpTransportOptions, 'spoolDir'> = {
  batchDelayMs: 20,
  retryBaseMs: 20,
  retryMaxMs: 200,
  maxAttempts: 3,
  requestTimeoutMs: 2000,
};

/** An HTTP transport to `dsn`, closed after the test. */
export function httpTransport(dsn: string, options: HttpTransportOptions): HttpTransport {
  const endpoint = ingestEndpoint(new URL(dsn));
  if (!endpoint) throw new Error(`not a usable DSN: ${dsn}`);
  const transport = new HttpTransport(endpoint, { ...FAST, ...options });
  transports.push(transport);
  return transport;
}

/** Registers a collector to be closed after the test, and returns it. */
export function track(collector: StubCollector): StubCollector {
  collectors.push(collector);
  return collector;
}

export function dsnFor(port: number): string {
  return `http://test-key@127.0.0.1:${port}/checkout`;
}
