#!/usr/bin/env node
/**
 * Capture overhead: the checkout service under load with the SDK off and on, in one run.
 * The measured request (POST /checkout, happy path) does 3 queries (2 PostgreSQL, 1 SQLite),
 * 1 payment gateway call over HTTP and 1 Redis command. Rounds alternate off/on so drift on the
 * machine hits both sides alike. Prints throughput ratio, p50/p99 latency deltas and the service's
 * CPU time per request (which other load on the machine disturbs less than throughput).
 *
 *   node bench/capture-overhead/run.mjs [--rounds 3] [--seconds 8] [--connections 8]
 *     [--sdk-env FLASHBACK_LOCALS=0 ...]   (environment for the SDK-on side, to measure a setting)
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startPostgres, startRedis, startScenario } from '@flashback-dev/test-harness';
import { happyPathRequest } from '@flashback-examples/checkout/requests';
import { startStack } from '@flashback-examples/checkout/stack';
import autocannon from 'autocannon';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '8' },
    connections: { type: 'string', default: '8' },
    'sdk-env': { type: 'string', multiple: true, default: [] },
  },
});
const rounds = Number(values.rounds);
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const sdkEnv = Object.fromEntries(values['sdk-env'].map((pair) => pair.split(/=(.*)/s, 2)));
const clockTicksPerSecond = clockTicks();
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const postgres = await startPostgres();
const redis = await startRedis();
const stack = await startStack();
const results = { off: [], on: [] };

try {
  for (let round = 1; round <= rounds; round++) {
    for (const mode of round % 2 === 1 ? ['off', 'on'] : ['on', 'off']) {
      const result = await measure(mode);
      results[mode].push(result);
      log(
        `round ${round} sdk ${mode.padEnd(3)} ${fmt(result.rps)} req/s  p50 ${result.p50} ms  p99 ${result.p99} ms  cpu ${fmt(result.cpuPerRequest)} µs/req  errors ${result.errors}`,
      );
    }
  }
  report();
} finally {
  await stack.stop();
  await redis.stop();
  await postgres.stop();
}

async function measure(mode) {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'bench-capture-'));
  const app = await startScenario({
    entry: path.join(root, 'examples/checkout/src/server.js'),
    cwd: path.join(root, 'examples/checkout'),
    preloadSdk: mode === 'on',
    env: {
      ...stack.env,
      DATABASE_URL: postgres.url,
      REDIS_URL: redis.url,
      ORDERS_DB: path.join(dataDir, 'orders.db'),
      FLASHBACK_SERVICE: 'checkout-bench',
      LOG_LEVEL: 'error',
      ...(mode === 'on' ? sdkEnv : {}),
    },
  });
  try {
    const run = (duration) =>
      autocannon({
        url: `${app.url}${happyPathRequest.path}`,
        method: happyPathRequest.method,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(happyPathRequest.body),
        connections,
        duration,
      });
    await run(2); // warm-up: JIT, connection pools, prepared plans
    const cpuBefore = await cpuMs(app.pid);
    const result = await run(seconds);
    const cpuAfter = await cpuMs(app.pid);
    return {
      rps: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      cpuPerRequest: ((cpuAfter - cpuBefore) * 1000) / result.requests.total,
      errors: result.errors + result.non2xx,
    };
  } finally {
    await app.stop();
  }
}

/**
 * CPU time (user + system, all threads) the service has used, in ms; NaN where /proc is missing.
 * Per request it holds steadier than throughput when other work shares the machine.
 */
async function cpuMs(pid) {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicksPerSecond;
  } catch {
    return Number.NaN;
  }
}

function median(numbers) {
  const sorted = [...numbers].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function report() {
  const summary = (list) => ({
    rps: median(list.map((r) => r.rps)),
    p50: median(list.map((r) => r.p50)),
    p99: median(list.map((r) => r.p99)),
    cpu: median(list.map((r) => r.cpuPerRequest)),
  });
  const off = summary(results.off);
  const on = summary(results.on);
  log('');
  const settings = Object.keys(sdkEnv).length > 0 ? `, SDK with ${values['sdk-env'].join(' ')}` : '';
  log(
    `capture overhead (median of ${rounds} rounds, ${seconds}s each, ${connections} connections${settings})`,
  );
  log(
    `  throughput  off ${fmt(off.rps)} req/s   on ${fmt(on.rps)} req/s   ratio ${(on.rps / off.rps).toFixed(3)}  (target >= 0.95)`,
  );
  log(`  p50         off ${off.p50} ms   on ${on.p50} ms   delta ${(on.p50 - off.p50).toFixed(2)} ms`);
  log(
    `  p99         off ${off.p99} ms   on ${on.p99} ms   delta ${(on.p99 - off.p99).toFixed(2)} ms  (target <= 1 ms)`,
  );
  log(
    `  cpu         off ${fmt(off.cpu)} µs/req   on ${fmt(on.cpu)} µs/req   added ${fmt(on.cpu - off.cpu)} µs/req`,
  );
}

function clockTicks() {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' })) || 100;
  } catch {
    return 100;
  }
}

function fmt(n) {
  return n.toFixed(0).padStart(6);
}

function log(line) {
  process.stdout.write(`${line}\n`);
}
