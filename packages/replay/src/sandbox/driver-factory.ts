import { MicrovmDriver, type MicrovmDriverOptions } from './microvm/microvm-driver.js';
import { NamespaceDriver, type NamespaceDriverOptions } from './namespace-driver.js';
import { ProcessDriver, type ProcessDriverOptions } from './process-driver.js';
import type { SandboxDriver, SandboxKind } from './sandbox-types.js';

export interface SandboxDriverOptions {
  process?: ProcessDriverOptions;
  namespace?: NamespaceDriverOptions;
  microvm?: MicrovmDriverOptions;
}

/**
 * The driver for `kind`. Every kind yields a driver, so a caller can list them all with their
 * `status()`; one that cannot run here says why there and rejects `run` with
 * `FB_SANDBOX_UNAVAILABLE`.
 */
export function createSandboxDriver(kind: SandboxKind, options: SandboxDriverOptions = {}): SandboxDriver {
  switch (kind) {
    case 'process':
      return new ProcessDriver(options.process);
    case 'namespace':
      return new NamespaceDriver(options.namespace);
    case 'microvm':
      return new MicrovmDriver(options.microvm);
  }
}

export interface DefaultDriver {
  driver: SandboxDriver;
  /** Why this driver was chosen, or why the better one could not be. */
  reason: string;
}

/**
 * The best driver this host can run: `namespace` where bubblewrap works, `process` otherwise,
 * with the reason (the namespace driver's status detail).
 *
 * @example
 * const { driver, reason } = await detectDefaultDriver();
 * console.error(`sandbox: ${driver.kind} (${reason})`);
 */
export async function detectDefaultDriver(options: SandboxDriverOptions = {}): Promise<DefaultDriver> {
  const namespace = new NamespaceDriver(options.namespace);
  const status = await namespace.status();
  if (status.available) return { driver: namespace, reason: status.detail };
  return {
    driver: new ProcessDriver(options.process),
    reason: `namespace sandbox unavailable (${status.detail}); using the process driver, which does not isolate`,
  };
}
