/**
 * The checkout example's bugs, captured for real: the service with the SDK against a PostgreSQL
 * and a Redis of its own and the stand-ins, each bug's request fired once. What the reproduction
 * benchmarks replay.
 */
import { startPostgres, startRedis } from '@flashback-dev/test-harness';
import { checkoutEnvAllowlist } from '@flashback-examples/checkout/requests';
import { startStack } from '@flashback-examples/checkout/stack';
import { startCheckoutService } from './checkout-service.mjs';

/**
 * @param {{ id: string, method: string, path: string, body?: unknown }[]} bugs from `bugRequests`
 * @param {Record<string, string>} [env] extra settings of the service
 * @returns {Promise<{ bug: (typeof bugs)[number], pkg: object }[]>} one package per bug, in order
 */
export async function captureCheckoutBugs(bugs, env = {}) {
  const [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
  const stack = await startStack({ gatewayHangMs: 5_000 });
  try {
    const app = await startCheckoutService({
      postgres,
      redis,
      stack,
      env: { FLASHBACK_SERVICE: 'checkout', FLASHBACK_ENV_ALLOWLIST: checkoutEnvAllowlist, ...env },
    });
    try {
      const captured = [];
      for (const bug of bugs) {
        const before = (await app.packages()).length;
        await app.request(bug.method, bug.path, bug.body);
        const packages = await app.waitForPackages(before + 1, 15_000);
        captured.push({ bug, pkg: packages[packages.length - 1] });
      }
      return captured;
    } finally {
      await app.stop();
    }
  } finally {
    await stack.stop();
    await Promise.all([redis.stop(), postgres.stop()]);
  }
}
