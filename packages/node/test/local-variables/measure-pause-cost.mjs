// Measures what local-variable capture costs the host: how long the main thread is held per
// captured exception, and the throughput of a tight loop throwing caught errors.
// Usage: npx tsc -b packages/node && node packages/node/test/local-variables/measure-pause-cost.mjs
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const mode = process.argv[2];

if (mode === undefined) {
  const run = (m) =>
    JSON.parse(execFileSync(process.execPath, [fileURLToPath(import.meta.url), m], { encoding: 'utf8' }));
  const results = { off: run('off'), on: run('on'), skipped: run('skipped'), limited: run('limited') };
  const us = (ms) => `${(ms * 1000).toFixed(0)} µs`;
  const row = (name, r) =>
    `${name.padEnd(34)} small p50 ${us(r.small.p50).padStart(7)} p99 ${us(r.small.p99).padStart(7)} | order p50 ${us(r.order.p50).padStart(7)} p99 ${us(r.order.p99).padStart(7)}`;
  console.log('Per exception, throw to catch (main thread held):');
  console.log(row('capture off', results.off));
  console.log(row('capture on, in-app frames', results.on));
  console.log(row('capture on, no in-app frame', results.skipped));
  console.log('\nTight loop of caught errors:');
  const labels = {
    off: 'capture off',
    on: 'capture on, no rate limit',
    skipped: 'capture on, no in-app frame, no limit',
    limited: 'capture on, default limit (50/s)',
  };
  for (const [name, r] of Object.entries(results)) {
    const perSecond = Math.round(r.loop.perSecond).toLocaleString('en');
    console.log(
      `${labels[name].padEnd(40)} ${perSecond.padStart(10)} throws/s  (${r.loop.captured} of ${r.loop.throws} captured)`,
    );
  }
  console.log(
    `\nsetup() on the main thread: ${us(results.on.setupMs)}; worker ready after ${results.on.readyMs.toFixed(1)} ms`,
  );
  process.exit(0);
}

const { localVariablesIntegration, getLocalsForError } = await import(
  join(here, '../../dist/integrations/local-variables/index.js')
);

let integration;
let setupMs = 0;
let readyMs = 0;
if (mode !== 'off') {
  const t0 = performance.now();
  integration = localVariablesIntegration({ maxPausesPerSecond: mode === 'limited' ? 50 : 1e9 });
  integration.setup({
    options: {
      captureLocals: 'always',
      appRoot: mode === 'skipped' ? '/nonexistent-app-root' : here,
      debug: false,
    },
    sink: { captureError() {}, requestEnded() {} },
    schemas: {},
  });
  setupMs = performance.now() - t0;
  const keepAlive = setInterval(() => {}, 1000);
  await integration.ready();
  clearInterval(keepAlive);
  readyMs = performance.now() - t0;
}

function small(n) {
  const id = n;
  const label = `item-${n}`;
  throw new Error(label + id);
}

function order(n) {
  const cart = {
    id: `ord_${n}`,
    customer: { id: 7, email: 'a@example.com', address: { city: 'Lyon', zip: '69001' } },
    items: Array.from({ length: 20 }, (_, i) => ({ sku: `SKU-${i}`, qty: i, price: 100 + i })),
  };
  const total = cart.items.reduce((sum, item) => sum + item.qty * item.price, 0);
  throw new Error(`order ${cart.id} total ${total}`);
}

async function timeThrows(fn) {
  const samples = [];
  for (let i = 0; i < 300; i++) {
    const t = process.hrtime.bigint();
    try {
      fn(i);
    } catch {}
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
    // Spread out like real traffic, so the worker's own bookkeeping is not on the clock.
    await new Promise((resolve) => setImmediate(resolve));
  }
  samples.sort((a, b) => a - b);
  const at = (q) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))];
  return { p50: at(0.5), p99: at(0.99) };
}

const result = { setupMs, readyMs };
if (mode !== 'limited') {
  result.small = await timeThrows(small);
  result.order = await timeThrows(order);
}
// Without the rate limiter every throw pauses; fewer throws keep the run short.
const throws = mode === 'on' || mode === 'skipped' ? 5_000 : 100_000;
let captured = 0;
const t = performance.now();
for (let i = 0; i < throws; i++) {
  try {
    small(i);
  } catch (error) {
    if (getLocalsForError(error)) captured++;
  }
}
const seconds = (performance.now() - t) / 1000;
result.loop = { throws, perSecond: throws / seconds, captured };
process.stdout.write(JSON.stringify(result));
