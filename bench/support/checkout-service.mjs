/**
 * The checkout example as the benchmarks run it: against a given PostgreSQL, Redis and set of
 * stand-ins, with an orders database of its own, and the load its happy path takes.
 */
import { chmod, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { removeOnExit, startScenario } from '@flashback-dev/test-harness';
import { happyPathRequest } from '@flashback-examples/checkout/requests';
import autocannon from 'autocannon';
import { betterSqlite3For } from './native-addons.mjs';

export const CHECKOUT_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../examples/checkout',
);

/**
 * @param {{ postgres: { url: string }, redis: { url: string }, stack: { env: Record<string, string> },
 *   sdk?: boolean, env?: Record<string, string>, nodeArgs?: string[], node?: string }} options
 *   `sdk`: preload `@flashback/node/register` (default true); `env` goes over the defaults;
 *   `node`: another Node binary to run it on (better-sqlite3 is then built for it, see native-addons.mjs)
 */
export async function startCheckoutService({ postgres, redis, stack, sdk = true, env = {}, nodeArgs, node }) {
  const otherNode =
    node === undefined ? undefined : { execPath: path.resolve(node), ...betterSqlite3For(node) };
  const dataDir = await mkdtemp(path.join(tmpdir(), 'bench-checkout-'));
  removeOnExit(dataDir);
  // The namespace sandbox runs as an unprivileged user; a reproduction recreates the recorded
  // SQLite directory inside it, but its parent must be reachable.
  await chmod(dataDir, 0o755);
  return startScenario({
    entry: path.join(CHECKOUT_DIR, 'src/server.js'),
    cwd: CHECKOUT_DIR,
    preloadSdk: sdk,
    ...(nodeArgs === undefined && otherNode === undefined
      ? {}
      : { nodeArgs: [...(otherNode?.nodeArgs ?? []), ...(nodeArgs ?? [])] }),
    ...(otherNode === undefined ? {} : { execPath: otherNode.execPath }),
    env: {
      ...stack.env,
      DATABASE_URL: postgres.url,
      REDIS_URL: redis.url,
      ORDERS_DB: path.join(dataDir, 'orders.db'),
      ...otherNode?.env,
      ...env,
    },
  });
}

/** autocannon on the happy path (`POST /checkout`) of a started service. */
export function loadHappyPath(app, { connections, duration }) {
  return autocannon({
    url: `${app.url}${happyPathRequest.path}`,
    method: happyPathRequest.method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(happyPathRequest.body),
    connections,
    duration,
  });
}
