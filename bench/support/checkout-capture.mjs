/**
 * The checkout example's bugs, captured for real: the service with the SDK against a PostgreSQL
 * and a Redis of its own and the stand-ins, each bug's request fired once. What the reproduction
 * benchmarks replay.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPostgres, startRedis, startScenario } from '@flashback-dev/test-harness';
import { checkoutEnvAllowlist } from '@flashback-examples/checkout/requests';
import { startStack } from '@flashback-examples/checkout/stack';

export const CHECKOUT_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../examples/checkout',
);

/**
 * @param {{ id: string, method: string, path: string, body?: unknown }[]} bugs from `bugRequests`
 * @param {Record<string, string>} [env] extra settings of the service
 * @returns {Promise<{ bug: (typeof bugs)[number], pkg: object }[]>} one package per bug, in order
 */
export async function captureCheckoutBugs(bugs, env = {}) {
  const [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
  const stack = await startStack({ gatewayHangMs: 5_000 });
  const dataDir = await mkdtemp(path.join(tmpdir(), 'bench-checkout-'));
  // The namespace sandbox runs as an unprivileged user; the recorded SQLite directory is
  // recreated inside it, but its parent must be reachable.
  await chmod(dataDir, 0o755);
  try {
    const app = await startScenario({
      entry: path.join(CHECKOUT_DIR, 'src/server.js'),
      cwd: CHECKOUT_DIR,
      env: {
        ...stack.env,
        DATABASE_URL: postgres.url,
        REDIS_URL: redis.url,
        ORDERS_DB: path.join(dataDir, 'orders.db'),
        FLASHBACK_SERVICE: 'checkout',
        FLASHBACK_ENV_ALLOWLIST: checkoutEnvAllowlist,
        ...env,
      },
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
    await rm(dataDir, { recursive: true, force: true });
  }
}
