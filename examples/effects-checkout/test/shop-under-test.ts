import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Execution } from '@flashback/effects';
import type Database from 'better-sqlite3';
import { type GatewayStandIn, startGateway } from '../src/gateway-stand-in.js';
import { productionRuntime } from '../src/production.js';
import { openShop } from '../src/shop-db.js';

export interface ShopUnderTest {
  db: Database.Database;
  gateway: GatewayStandIn;
  runtime: ReturnType<typeof productionRuntime>['runtime'];
  flush(): Promise<unknown>;
  executions: Execution<unknown>[];
  stop(): Promise<void>;
}

/** A fresh shop on a SQLite file and a gateway stand-in on loopback, wired like production. */
export async function startShop(options: { dsn?: string } = {}): Promise<ShopUnderTest> {
  const dir = mkdtempSync(path.join(tmpdir(), 'effects-checkout-test-'));
  const db = openShop(path.join(dir, 'shop.db'));
  const gateway = await startGateway();
  const executions: Execution<unknown>[] = [];
  const { runtime, flush } = productionRuntime({
    db,
    gatewayUrl: gateway.url,
    onExecution: (execution) => executions.push(execution),
    ...(options.dsn ? { dsn: options.dsn } : {}),
  });
  return {
    db,
    gateway,
    runtime,
    flush,
    executions,
    async stop() {
      db.close();
      await gateway.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
