/** Which sandbox driver runs a reproduction. */
import { ReproError } from '../runner/errors.js';
import { createSandboxDriver, detectDefaultDriver } from '../sandbox/index.js';
import type { SandboxDriver } from '../sandbox/sandbox-types.js';
import type { ReproduceOptions } from './reproduce-types.js';

export interface DriverChoice {
  driver: SandboxDriver;
  /** Why this one: what it runs on, or why the better one could not be used. */
  note: string;
}

/**
 * The given driver, the named kind, or (`auto`) the best this host can run.
 *
 * @throws ReproError `FB_REPRO_SANDBOX_FAILED` when the named kind cannot run here.
 */
export async function chooseDriver(
  options: Pick<ReproduceOptions, 'driver' | 'sandbox'>,
): Promise<DriverChoice> {
  if (options.driver !== undefined)
    return { driver: options.driver, note: (await options.driver.status()).detail };
  const kind = options.sandbox ?? 'auto';
  if (kind === 'auto') {
    const { driver, reason } = await detectDefaultDriver();
    return { driver, note: reason };
  }
  const driver = createSandboxDriver(kind);
  const status = await driver.status();
  if (!status.available) {
    throw new ReproError('FB_REPRO_SANDBOX_FAILED', `the ${kind} sandbox cannot run here: ${status.detail}`);
  }
  return { driver, note: status.detail };
}
