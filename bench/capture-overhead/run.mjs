#!/usr/bin/env node
/**
 * Capture overhead: the checkout service under load with the SDK off and on, in one run.
 * The measured request (POST /checkout, happy path) does 3 queries (2 PostgreSQL, 1 SQLite),
 * 1 payment gateway call over HTTP and 1 Redis command. Both services run side by side and take
 * the load in short alternating bursts, so drift on the machine (other work sharing its cores)
 * hits both sides alike. Prints the throughput ratio, p50/p99 latency deltas and the service's
 * CPU time per request (which other load on the machine disturbs less than throughput).
 *
 *   node bench/capture-overhead/run.mjs [--rounds 8] [--seconds 3] [--connections 8]
 *     [--sdk-env FLASHBACK_LOCALS=0 ...]   (environment for the SDK-on side, to measure a setting)
 *     [--json-out file]                     (the summary as JSON too; see breakdown.mjs)
 */
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { startPostgres, startRedis } from '@flashback-dev/test-harness';
import { startStack } from '@flashback-examples/checkout/stack';
import { loadHappyPath, startCheckoutService } from '../support/checkout-service.mjs';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '8' },
    seconds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '8' },
    'sdk-env': { type: 'string', multiple: true, default: [] },
    'json-out': { type: 'string' },
  },
});
const rounds = Number(values.rounds);
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const sdkEnv = Object.fromEntries(values['sdk-env'].map((pair) => pair.split(/=(.*)/s, 2)));
const clockTicksPerSecond = clockTicks();

const postgres = await startPostgres();
const redis = await startRedis();
const stack = await startStack();
const results = { off: [], on: [] };
const apps = {};

try {
  apps.off = await startService('off');
  apps.on = await startService('on');
  // Warm-up: JIT, connection pools, prepared plans.
  for (const mode of ['off', 'on']) await load(apps[mode], 2);
  for (let round = 1; round <= rounds; round++) {
    for (const mode of round % 2 === 1 ? ['off', 'on'] : ['on', 'off']) {
      const result = await measure(apps[mode]);
      results[mode].push(result);
      log(
        `round ${round} sdk ${mode.padEnd(3)} ${fmt(result.rps)} req/s  p50 ${result.p50} ms  p99 ${result.p99} ms  cpu ${fmt((result.cpuMs * 1000) / result.requests)} µs/req  errors ${result.errors}`,
      );
    }
  }
  const summary = report();
  if (values['json-out']) await writeFile(values['json-out'], JSON.stringify(summary));
} finally {
  for (const app of Object.values(apps)) await app.stop();
  await stack.stop();
  await redis.stop();
  await postgres.stop();
}

function startService(mode) {
  return startCheckoutService({
    postgres,
    redis,
    stack,
    sdk: mode === 'on',
    env: { FLASHBACK_SERVICE: 'checkout-bench', LOG_LEVEL: 'error', ...(mode === 'on' ? sdkEnv : {}) },
  });
}

function load(app, duration) {
  return loadHappyPath(app, { connections, duration });
}

async function measure(app) {
  const cpuBefore = await cpuMs(app.pid);
  const result = await load(app, seconds);
  const cpuAfter = await cpuMs(app.pid);
  return {
    rps: result.requests.average,
    requests: result.requests.total,
    elapsedS: result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    cpuMs: cpuAfter - cpuBefore,
    errors: result.errors + result.non2xx,
  };
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

/** Prints, and returns, throughput and CPU per request over all bursts of a side; latency percentiles as the median burst. */
function report() {
  const summary = (list) => {
    const requests = list.reduce((sum, r) => sum + r.requests, 0);
    return {
      rps: requests / list.reduce((sum, r) => sum + r.elapsedS, 0),
      p50: median(list.map((r) => r.p50)),
      p99: median(list.map((r) => r.p99)),
      cpu: (list.reduce((sum, r) => sum + r.cpuMs, 0) * 1000) / requests,
    };
  };
  const off = summary(results.off);
  const on = summary(results.on);
  log('');
  const settings = Object.keys(sdkEnv).length > 0 ? `, SDK with ${values['sdk-env'].join(' ')}` : '';
  log(
    `capture overhead (${rounds} rounds of ${seconds}s bursts per side, ${connections} connections${settings})`,
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
  return { off, on, ratio: on.rps / off.rps, addedCpu: on.cpu - off.cpu };
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
