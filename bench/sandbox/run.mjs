#!/usr/bin/env node
/**
 * Sandbox drivers side by side, each over repeated runs with median and spread:
 *   - time to ready: from driver.run() until the command can start (process: spawned; namespace:
 *     sandbox set up; microvm: the guest agent answered, after a cold boot and after a snapshot
 *     restore), with `node -e 0` as the command;
 *   - end to end: the checkout example's tier-3 bug (bug 7) captured for real, then `reproduce`
 *     from its package alone in each driver.
 * Targets: microvm ≤ 150 ms to ready from a snapshot under KVM; ≤ 3 s end to end under TCG.
 *
 *   node bench/sandbox/run.mjs [--runs 5] [--cold-runs 3] [--e2e-runs 3] [--drivers process,namespace,microvm]
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  createSandboxDriver,
  createWorkDir,
  MicrovmDriver,
  removeWorkDir,
  reproduce,
} from '@flashback/replay';
import { bugRequests } from '@flashback-examples/checkout/requests';
import { captureCheckoutBugs } from '../support/checkout-capture.mjs';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    'cold-runs': { type: 'string', default: '3' },
    'e2e-runs': { type: 'string', default: '3' },
    drivers: { type: 'string', default: 'process,namespace,microvm' },
  },
});
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const runs = Number(values.runs);
const drivers = values.drivers.split(',');
const checkout = {
  dir: path.join(root, 'examples/checkout'),
  start: 'node src/server.js',
  readyPath: '/health',
};

log('time to ready (command: node -e 0)');
for (const kind of drivers) {
  if (kind !== 'microvm') {
    const driver = createSandboxDriver(kind);
    if (!(await usable(driver))) continue;
    line(`  ${kind}`, await readyTimes(driver, runs, (r) => r.readyMs), 'ms', '');
    continue;
  }
  const restore = new MicrovmDriver();
  if (!(await usable(restore))) continue;
  log(`  microvm backend: ${(await restore.status()).detail}`);
  const cold = new MicrovmDriver({ snapshots: false });
  line(
    '  microvm cold boot',
    await readyTimes(cold, Number(values['cold-runs']), () => cold.lastRun?.readyMs),
    'ms',
    '',
  );
  line(
    '  microvm snapshot restore',
    await readyTimes(restore, runs, () => restore.lastRun?.readyMs),
    'ms',
    '<= 150 ms under KVM',
  );
}

const bug7 = await captureBug7();
log('');
log(`end to end: reproduce bug 7 (${bug7.bug.id}), ${values['e2e-runs']} runs per driver`);
for (const kind of drivers) {
  const driver = kind === 'microvm' ? new MicrovmDriver() : createSandboxDriver(kind);
  if (!(await usable(driver))) continue;
  // Under TCG the app's event loop stalls past its 500 ms Redis command timeout while it loads.
  const app = kind === 'microvm' ? { ...checkout, env: { REDIS_COMMAND_TIMEOUT_MS: '10000' } } : checkout;
  // Once, untimed: PGlite template, and for microvm the image and its snapshot.
  await reproduce(bug7.pkg, app, { driver, timeLimitMs: 600_000, readyTimeoutMs: 300_000 });
  const times = [];
  const statuses = new Map();
  for (let i = 0; i < Number(values['e2e-runs']); i++) {
    const verdict = await reproduce(bug7.pkg, app, { driver, timeLimitMs: 600_000, readyTimeoutMs: 300_000 });
    times.push(verdict.timings.totalMs);
    statuses.set(verdict.status, (statuses.get(verdict.status) ?? 0) + 1);
    if (verdict.status !== 'reproduced') log(`    run ${i + 1}: ${verdict.summary}`);
  }
  const tally = [...statuses].map(([status, n]) => `${status} ${n}/${times.length}`).join(', ');
  line(`  ${kind}`, times, 'ms', `${tally}${kind === 'microvm' ? '; target <= 3 s under TCG' : ''}`);
}

async function usable(driver) {
  const status = await driver.status();
  if (!status.available) log(`  ${driver.kind}: unavailable (${status.detail})`);
  return status.available;
}

/** Runs `node -e 0` once untimed (warm-up; for microvm the image and snapshot), then `count` times. */
async function readyTimes(driver, count, pick) {
  const samples = [];
  for (let i = 0; i <= count; i++) {
    const workDir = await createWorkDir();
    try {
      const result = await driver.run({
        command: [process.execPath, '-e', '0'],
        cwd: workDir,
        env: { PATH: '/usr/bin:/bin' },
        binds: [],
        workDir,
        hosts: {},
        timeLimitMs: 300_000,
      });
      const ms = pick(result);
      if (i > 0 && ms !== undefined) samples.push(ms);
    } finally {
      await removeWorkDir(workDir);
    }
  }
  return samples;
}

/** Bug 7 from the checkout service with the SDK, against a real PostgreSQL and Redis. */
async function captureBug7() {
  const [captured] = await captureCheckoutBugs(
    bugRequests.filter((b) => b.id === 'installments-duplicate-payments'),
  );
  if (captured === undefined) throw new Error('checkout bug 7 is missing from the example requests');
  return captured;
}

function line(label, samples, unit, note) {
  if (samples.length === 0) return log(`${label}: no samples`);
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const f = (v) => v.toFixed(v < 10 ? 1 : 0);
  log(
    `${label.padEnd(30)} median ${f(at(0.5))} ${unit}  min ${f(sorted[0])}  max ${f(sorted.at(-1))}  (n=${samples.length})${note ? `  ${note}` : ''}`,
  );
}

function log(text) {
  process.stdout.write(`${text}\n`);
}
