/**
 * Real error packages of every examples/checkout bug: the service runs with the SDK preloaded
 * against a real PostgreSQL, a real Redis and the stand-ins, and each bug's request is fired once.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ErrorPackage } from '@flashback/protocol/types';
import {
  bugRequests,
  checkoutEnvAllowlist,
} from '../../../../examples/checkout/requests/checkout-requests.js';
import { startCheckout } from '../../../../examples/checkout/test/start-checkout.js';

export type CheckoutBug = (typeof bugRequests)[number];

/** Captures one package per bug and writes it to `<dir>/<bug id>.json`; returns the files by bug id. */
export async function captureCheckoutPackages(
  bugs: readonly CheckoutBug[],
  dir: string,
): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  // A roomy recorded gateway timeout keeps replays on a busy machine failing as recorded.
  const checkout = await startCheckout({
    preloadSdk: true,
    env: { FLASHBACK_ENV_ALLOWLIST: checkoutEnvAllowlist, PAYMENT_GATEWAY_TIMEOUT_MS: '3000' },
  });
  try {
    for (const bug of bugs) {
      const before = (await checkout.app.packages()).length;
      const response = await checkout.app.request(bug.method, bug.path, bug.body);
      if (response.status < 500)
        throw new Error(`${bug.id} did not fail: ${response.status} ${response.text}`);
      const packages: ErrorPackage[] = await checkout.app.waitForPackages(before + 1);
      const pkg = packages.at(-1);
      if (pkg?.error.type !== bug.errorType) {
        throw new Error(`${bug.id} captured ${pkg?.error.type ?? 'nothing'}, not ${bug.errorType}`);
      }
      const file = join(dir, `${bug.id}.json`);
      await writeFile(file, JSON.stringify(pkg));
      files.set(bug.id, file);
    }
  } finally {
    await checkout.stop();
  }
  return files;
}

export { bugRequests };
