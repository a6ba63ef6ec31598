/**
 * The service under load for bench/tracing: a hot endpoint whose pricing loop runs a line 50
 * times per request, with the SDK's tracing engine attached. The parent sets the actions through
 * POST /actions and reads snapshot pauses from GET /pauses.
 */
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TracingEngine } from '../../packages/node/dist/tracing/tracing-engine.js';
import { priceCart } from './pricing.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const pauses = [];
const engine = new TracingEngine({
  appRoot: here,
  onHit: (hit) => {
    if (hit.kind === 'snapshot') pauses.push(hit.pauseMs);
  },
  limits: { hitsPerSecond: 1_000_000, budgetMsPerSecond: 1_000 },
});
const cart = Array.from({ length: 50 }, (_, i) => ({ sku: `sku-${i}`, cents: 100 + i, qty: 1 + (i % 3) }));

const server = http.createServer(async (req, res) => {
  if (req.url === '/actions') {
    let body = '';
    for await (const chunk of req) body += chunk;
    engine.setActions(JSON.parse(body));
    return res.end('{}');
  }
  if (req.url === '/pauses') return res.end(JSON.stringify(pauses.splice(0)));
  if (req.url === '/spin') {
    // The cost of the line itself, without HTTP: ns per pass over the cart (50 hits of the line).
    const rounds = 20_000;
    const started = process.hrtime.bigint();
    for (let i = 0; i < rounds; i++) priceCart(cart, 'NONE');
    return res.end(JSON.stringify({ nsPerCall: Number(process.hrtime.bigint() - started) / rounds }));
  }
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ total: priceCart(cart, req.url === '/vip' ? 'VIP' : 'NONE') }));
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`));
