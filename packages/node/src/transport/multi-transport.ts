import type { ErrorPackage } from '@flashback/protocol/types';
import { debug } from '../debug-logger.js';
import type { Transport } from './types.js';

/** Hands every package to each of several transports (the file output and the collector). */
export class MultiTransport implements Transport {
  constructor(private readonly transports: readonly Transport[]) {}

  send(pkg: ErrorPackage): void {
    for (const transport of this.transports) guard('send', () => transport.send(pkg));
  }

  sendSync(pkg: ErrorPackage): void {
    for (const transport of this.transports) guard('sendSync', () => transport.sendSync(pkg));
  }

  async flush(timeoutMs: number): Promise<boolean> {
    const results = await Promise.all(
      this.transports.map((transport) => transport.flush(timeoutMs).catch(() => false)),
    );
    return results.every(Boolean);
  }

  async close(timeoutMs: number): Promise<boolean> {
    const results = await Promise.all(
      this.transports.map((transport) => transport.close(timeoutMs).catch(() => false)),
    );
    return results.every(Boolean);
  }
}

// Each transport already swallows its errors; this guard keeps one broken transport from
// starving the others should that promise ever be broken.
function guard(what: string, fn: () => void): void {
  try {
    fn();
  } catch (error) {
    debug.error(`transport ${what} failed`, error);
  }
}
