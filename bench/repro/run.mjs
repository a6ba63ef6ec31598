#!/usr/bin/env node
/**
 * Reproduction latency, each over repeated runs with median and spread:
 *   - fixture materialisation: a 20-row fixture into a fresh SQLite file (target <= 5 ms);
 *   - namespace sandbox ready: from spawning bubblewrap until the command runs (target <= 50 ms);
 *   - end to end: every checkout bug captured for real, then `reproduce` in the namespace sandbox
 *     from its package alone (target p50 <= 2 s).
 *
 *   node bench/repro/run.mjs [--runs 5] [--fixture-runs 50] [--sandbox-runs 20]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createSandboxDriver, createWorkDir, materialize, removeWorkDir, reproduce } from '@flashback/replay';
import { bugRequests } from '@flashback-examples/checkout/requests';
import { captureCheckoutBugs } from '../support/checkout-capture.mjs';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    'fixture-runs': { type: 'string', default: '50' },
    'sandbox-runs': { type: 'string', default: '20' },
  },
});
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const fixtureMs = await benchFixture(Number(values['fixture-runs']));
line('fixture materialisation (SQLite, 20 rows)', fixtureMs, 'ms', '<= 5 ms', 5);

const readyMs = await benchSandboxReady(Number(values['sandbox-runs']));
line('namespace sandbox ready', readyMs, 'ms', '<= 50 ms', 50);

await benchEndToEnd(Number(values.runs));

async function benchFixture(runs) {
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-fixture-'));
  const fixture = twentyRowFixture();
  const times = [];
  try {
    for (let i = 0; i < runs + 3; i++) {
      const file = path.join(dir, `${i}.db`);
      const start = performance.now();
      const handle = await materialize(fixture, { kind: 'sqlite', file });
      await handle.close();
      // The first runs load better-sqlite3 and warm the JIT.
      if (i >= 3) times.push(performance.now() - start);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return times;
}

function twentyRowFixture() {
  const rows = Array.from({ length: 20 }, (_, i) => ({
    values: {
      id: `ord_${String(i).padStart(4, '0')}`,
      customer_id: (i % 5) + 1,
      status: i % 3 ? 'paid' : 'pending',
      total_cents: 1200 * (i + 1),
      created_at: `2025-06-${String((i % 28) + 1).padStart(2, '0')}T10:00:00.000Z`,
    },
    from: [i],
  }));
  return {
    format: 'flashback.fixture/1',
    databases: [
      {
        system: 'sqlite',
        database: '/srv/app/orders.db',
        notes: [],
        tables: [
          {
            name: 'orders',
            ddl: 'CREATE TABLE orders (id TEXT PRIMARY KEY, customer_id INTEGER NOT NULL, status TEXT NOT NULL, total_cents INTEGER NOT NULL, created_at TEXT NOT NULL)',
            columns: [
              { name: 'id', type: 'TEXT', primaryKey: true },
              { name: 'customer_id', type: 'INTEGER' },
              { name: 'status', type: 'TEXT' },
              { name: 'total_cents', type: 'INTEGER' },
              { name: 'created_at', type: 'TEXT' },
            ],
            rows,
          },
        ],
      },
    ],
  };
}

async function benchSandboxReady(runs) {
  const driver = createSandboxDriver('namespace');
  const status = await driver.status();
  if (!status.available) {
    log(`namespace sandbox unavailable: ${status.detail}`);
    return [];
  }
  const times = [];
  for (let i = 0; i < runs + 1; i++) {
    const workDir = await createWorkDir();
    try {
      const result = await driver.run({
        command: ['/bin/true'],
        cwd: workDir,
        env: { PATH: '/usr/bin:/bin' },
        binds: [],
        workDir,
        hosts: { 'gateway.internal': '127.0.0.1' },
        timeLimitMs: 10_000,
      });
      if (i > 0 && result.readyMs !== undefined) times.push(result.readyMs);
    } finally {
      await removeWorkDir(workDir);
    }
  }
  return times;
}

async function benchEndToEnd(runs) {
  const packages = await captureBugs();
  const app = {
    dir: path.join(root, 'examples/checkout'),
    start: 'node src/server.js',
    readyPath: '/health',
  };
  // Once, untimed: makes the PGlite template every later run starts from.
  await reproduce(packages[0].pkg, app, { sandbox: 'namespace' });
  log('');
  log(`end-to-end reproduction, namespace sandbox (${runs} runs per bug; target p50 <= 2 s)`);
  const all = [];
  const phases = { sandboxReadyMs: [], fixtureMs: [], appReadyMs: [], triggerMs: [] };
  for (const { bug, pkg } of packages) {
    const times = [];
    const statuses = new Map();
    for (let i = 0; i < runs; i++) {
      const verdict = await reproduce(pkg, app, { sandbox: 'namespace' });
      times.push(verdict.timings.totalMs);
      for (const [phase, samples] of Object.entries(phases)) {
        if (verdict.timings[phase] !== undefined) samples.push(verdict.timings[phase]);
      }
      statuses.set(verdict.status, (statuses.get(verdict.status) ?? 0) + 1);
    }
    all.push(...times);
    const tally = [...statuses].map(([status, n]) => `${status} ${n}/${runs}`).join(', ');
    line(`  ${bug.bug} ${bug.id}`.padEnd(40), times, 'ms', tally);
  }
  line('  all bugs', all, 'ms', 'p50 <= 2000 ms', 2000);
  log('phases of those runs (fixtures load while the app boots, so they overlap):');
  for (const [phase, samples] of Object.entries(phases))
    line(`  ${phase}`.padEnd(40), samples, 'ms', 'all bugs');
}

async function captureBugs() {
  const captured = await captureCheckoutBugs(bugRequests, { PAYMENT_GATEWAY_TIMEOUT_MS: '500' });
  log(`captured ${captured.length} packages from examples/checkout`);
  return captured;
}

function line(label, samples, unit, target, limit) {
  if (samples.length === 0) return log(`${label}: no samples`);
  const sorted = [...samples].sort((a, b) => a - b);
  const pick = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const median =
    sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (pick(0.5) + sorted[sorted.length / 2 - 1]) / 2;
  const f = (n) => `${n < 10 ? n.toFixed(2) : n.toFixed(0)} ${unit}`;
  const verdict = limit === undefined ? '' : median <= limit ? '  OK' : '  ABOVE TARGET';
  log(
    `${label}  median ${f(median)}  min ${f(sorted[0])}  p90 ${f(pick(0.9))}  max ${f(sorted[sorted.length - 1])}  (n=${sorted.length}; ${target})${verdict}`,
  );
}

function log(text) {
  process.stdout.write(`${text}\n`);
}
