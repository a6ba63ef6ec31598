import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ErrorPackage } from '@flashback/protocol';
import { startPostgres, startRedis, startScenario } from '@flashback-dev/test-harness';
import { bugRequests, checkoutEnvAllowlist } from '@flashback-examples/checkout/requests';
import { startStack } from '@flashback-examples/checkout/stack';
import { MicrovmDriver } from '../../../src/sandbox/index.js';

export const CHECKOUT_DIR = fileURLToPath(new URL('../../../../../examples/checkout', import.meta.url));

/** Client timeouts of the checkout app that software emulation is too slow for. */
export const EMULATION_ALLOWANCE = { REDIS_COMMAND_TIMEOUT_MS: '10000' };

let available: Promise<boolean> | undefined;

/** Whether this host can run microVMs at all (QEMU and the guest kernel installed). */
export function microvmAvailable(): Promise<boolean> {
  available ??= new MicrovmDriver().status().then((s) => s.available);
  return available;
}

/** Bug 7 of the checkout example, captured now from the real service with the SDK. */
export async function captureBug7(): Promise<ErrorPackage> {
  const bug = bugRequests.find((b) => b.id === 'installments-duplicate-payments');
  if (!bug) throw new Error('checkout bug 7 is missing from the example requests');
  const [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
  const stack = await startStack({ gatewayHangMs: 5_000 });
  const dataDir = await mkdtemp(join(tmpdir(), 'microvm-capture-'));
  await chmod(dataDir, 0o755);
  try {
    const service = await startScenario({
      entry: join(CHECKOUT_DIR, 'src/server.js'),
      cwd: CHECKOUT_DIR,
      env: {
        ...stack.env,
        DATABASE_URL: postgres.url,
        REDIS_URL: redis.url,
        ORDERS_DB: join(dataDir, 'orders.db'),
        FLASHBACK_SERVICE: 'checkout',
        FLASHBACK_ENV_ALLOWLIST: checkoutEnvAllowlist,
      },
    });
    try {
      await service.request(bug.method, bug.path, bug.body);
      return (await service.waitForPackages(1, 15_000)).at(-1) as ErrorPackage;
    } finally {
      await service.stop();
    }
  } finally {
    await stack.stop();
    await Promise.all([redis.stop(), postgres.stop()]);
    await rm(dataDir, { recursive: true, force: true });
  }
}
