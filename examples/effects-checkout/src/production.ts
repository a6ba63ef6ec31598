/**
 * "Production": the checkout on a real SQLite file and the gateway over HTTP, every execution
 * recorded. Failures can be reported to a collector (`dsn`).
 */
import { createRuntime, type Execution, type Runtime, type RuntimeOptions } from '@flashback/effects';
import { reportFailures } from '@flashback/effects/collector';
import {
  clockHandler,
  fetchHandler,
  randomHandlers,
  sqlHandler,
  sqliteDatabase,
} from '@flashback/effects/handlers';
import type Database from 'better-sqlite3';
import { settingsHandler } from './checkout-commands.js';

export interface ProductionOptions {
  db: Database.Database;
  gatewayUrl: string;
  /** Report failed executions to this collector. */
  dsn?: string;
  onExecution?: (execution: Execution<unknown>) => void;
}

export function productionRuntime(options: ProductionOptions): {
  runtime: Runtime;
  flush(): Promise<unknown>;
} {
  const reporter = options.dsn ? reportFailures({ dsn: options.dsn }) : undefined;
  const runtimeOptions: RuntimeOptions = {
    service: { name: 'effects-checkout', version: '1.0.0', environment: 'production' },
    handlers: [
      settingsHandler({ PAYMENT_GATEWAY_URL: options.gatewayUrl }),
      sqlHandler(sqliteDatabase(options.db)),
      fetchHandler(),
      clockHandler(),
      ...randomHandlers(),
    ],
    onExecution: (execution) => {
      options.onExecution?.(execution);
      reporter?.onExecution(execution);
    },
  };
  return { runtime: createRuntime(runtimeOptions), flush: async () => reporter?.flush() };
}
