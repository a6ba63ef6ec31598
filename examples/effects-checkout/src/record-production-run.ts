/**
 * Records the production failure: the promo cart checked out against a fresh shop and the gateway
 * stand-in, the trace written to the file named on the command line. This is how
 * traces/checkout-promo-100.json was made: `npm run record -w @flashback-examples/effects-checkout`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { toTrace } from '@flashback/effects';
import { checkout } from './checkout.js';
import { startGateway } from './gateway-stand-in.js';
import { productionRuntime } from './production.js';
import { openShop } from './shop-db.js';

const out = process.argv[2];
if (!out) {
  process.stderr.write('usage: record-production-run <trace.json>\n');
  process.exit(2);
}
const dir = mkdtempSync(path.join(tmpdir(), 'effects-checkout-'));
const gateway = await startGateway();
try {
  const db = openShop(path.join(dir, 'shop.db'));
  const { runtime } = productionRuntime({ db, gatewayUrl: gateway.url });
  const execution = await runtime.run(checkout, { cartId: 'cart-promo', paymentSource: 'tok_visa' });
  db.close();
  writeFileSync(out, `${JSON.stringify(toTrace(execution), null, 2)}\n`);
  const outcome = execution.outcome.ok
    ? 'success'
    : `${execution.outcome.error.type}: ${execution.outcome.error.message}`;
  process.stdout.write(`recorded ${execution.steps.length} commands to ${out}; outcome ${outcome}\n`);
} finally {
  await gateway.close();
  rmSync(dir, { recursive: true, force: true });
}
