import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDatabase, removeOnExit, type Scenario, startScenario } from '@flashback-dev/test-harness';
import { inject } from 'vitest';
import { type Stack, type StackOptions, startStack } from '../stand-ins/stack.js';

export interface CheckoutUnderTest {
  app: Scenario;
  stack: Stack;
  /** The checkout service's own Redis key prefix. */
  redisKeyPrefix: string;
  stop(): Promise<void>;
}

export interface StartCheckoutOptions {
  fixed?: boolean;
  /** Run with `--import @flashback/node/register`. Default false. */
  preloadSdk?: boolean;
  env?: Record<string, string>;
  stack?: StackOptions;
}

/**
 * Runs the checkout service as a child process (no SDK) against its stand-ins,
 * a database of its own on the shared PostgreSQL server, and a key prefix of
 * its own on the shared Redis.
 */
export async function startCheckout(options: StartCheckoutOptions = {}): Promise<CheckoutUnderTest> {
  const stack = await startStack({ gatewayHangMs: 10_000, ...options.stack });
  const databaseUrl = await createDatabase(inject('postgresUrl'));
  const dataDir = await mkdtemp(join(tmpdir(), 'checkout-orders-'));
  removeOnExit(dataDir);
  const redisKeyPrefix = `checkout-test-${randomBytes(4).toString('hex')}:`;
  try {
    const app = await startScenario({
      entry: fileURLToPath(new URL('../src/server.js', import.meta.url)),
      preloadSdk: options.preloadSdk ?? false,
      env: {
        ...stack.env,
        FLASHBACK_SERVICE: 'checkout',
        DATABASE_URL: databaseUrl,
        REDIS_URL: inject('redisUrl'),
        REDIS_KEY_PREFIX: redisKeyPrefix,
        ORDERS_DB: join(dataDir, 'orders.db'),
        PAYMENT_GATEWAY_TIMEOUT_MS: '500',
        CHECKOUT_FIXED: options.fixed ? '1' : '0',
        ...options.env,
      },
    });
    return {
      app,
      stack,
      redisKeyPrefix,
      async stop() {
        await app.stop();
        await stack.stop();
      },
    };
  } catch (error) {
    await stack.stop();
    throw error;
  }
}
