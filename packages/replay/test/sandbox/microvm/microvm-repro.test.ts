import type { ErrorPackage } from '@flashback/protocol';
import { bugRequests } from '@flashback-examples/checkout/requests';
import { beforeAll, describe, expect, test } from 'vitest';
import { startCheckout } from '../../../../../examples/checkout/test/start-checkout.js';
import { reproduce } from '../../../src/index.js';
import { MicrovmDriver } from '../../../src/sandbox/index.js';
import { CHECKOUT_DIR, microvmAvailable } from './microvm-support.js';

// What the checkout service needs to start, captured with the package so the guest has it.
const ENV_ALLOWLIST =
  'PAYMENT_GATEWAY_URL,PAYMENT_GATEWAY_CLIENT_ID,PAYMENT_GATEWAY_CLIENT_SECRET,PAYMENT_GATEWAY_TIMEOUT_MS,S3_ENDPOINT,S3_BUCKET,AWS_ACCESS_KEY_ID,AWS_SECRET_ACCESS_KEY,ORDERS_DB,REDIS_KEY_PREFIX,FLASHBACK_SERVICE';

let captured: ErrorPackage;

beforeAll(async () => {
  if (!(await microvmAvailable())) return;
  // Bug 7 is the example's tier-3 bug: nothing in its timeline explains it.
  const bug = bugRequests.find((b) => b.id === 'installments-duplicate-payments');
  if (!bug) throw new Error('checkout bug 7 is missing from the example requests');
  const checkout = await startCheckout({ preloadSdk: true, env: { FLASHBACK_ENV_ALLOWLIST: ENV_ALLOWLIST } });
  try {
    await checkout.app.request(bug.method, bug.path, bug.body);
    captured = (await checkout.app.waitForPackages(1)).at(-1) as ErrorPackage;
  } finally {
    await checkout.stop();
  }
}, 60_000);

describe.runIf(await microvmAvailable())('microvm sandbox: reproduction', () => {
  test('reproduces the checkout example tier-3 bug (bug 7) inside a microVM', async () => {
    const driver = new MicrovmDriver();
    const steps: string[] = [];
    const verdict = await reproduce(
      captured,
      { dir: CHECKOUT_DIR, start: 'node src/server.js', readyPath: '/health' },
      {
        driver,
        timeLimitMs: 280_000,
        readyTimeoutMs: 240_000,
        onProgress: (e) => steps.push(`${e.step}: ${e.message}`),
      },
    );
    expect(verdict, `${verdict.summary}\n${steps.join('\n')}`).toMatchObject({
      status: 'reproduced',
      sandbox: 'microvm',
      replayed: { type: 'RangeError', fingerprint: captured.fingerprint },
    });
    expect(driver.lastRun).toMatchObject({ start: 'restored' });
  }, 300_000);
});
