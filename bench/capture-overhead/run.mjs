#!/usr/bin/env node
/**
 * Capture overhead: the checkout service under load with the SDK off and on, in one run.
 * The measured request (POST /checkout, happy path) does 3 queries (2 PostgreSQL, 1 SQLite),
 * 1 payment gateway call over HTTP and 1 Redis command. The services run side by side and take
 * the load in short alternating bursts, so drift on the machine (other work sharing its cores)
 * hits all sides alike. Three sides:
 *   off      no SDK
 *   context  only an AsyncLocalStorage context per request (context-only.mjs): the floor for any
 *            capture that attributes IO to requests that way on this Node version
 *   on       the SDK (`--import @flashback/node/register`)
 * Two loads:
 *   saturation  autocannon, `--connections` back to back: throughput ratio, and the service's CPU
 *               time per request (which other load on the machine disturbs less than throughput)
 *   fixed rate  requests at `--rate` per second (default: half of what SDK-off sustained), open
 *               loop: the latency a request gains while the service keeps up, which is what
 *               "added latency" means; at saturation latency only restates the throughput loss
 *               as queueing
 *
 *   node bench/capture-overhead/run.mjs [--rounds 8] [--seconds 3] [--connections 8]
 *     [--rate 500] [--latency-seconds 5]  (0 skips the fixed-rate load)
 *     [--skip-floor]                        (no context side)
 *     [--node path/to/node]                 (all sides on that Node, e.g. a node-matrix major)
 *     [--sdk-env FLASHBACK_LOCALS=0 ...]   (environment for the SDK-on side, to measure a setting)
 *     [--json-out file]                     (the summary as JSON too; see breakdown.mjs)
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startPostgres, startRedis } from '@flashback-dev/test-harness';
import { happyPathRequest } from '@flashback-examples/checkout/requests';
import { startStack } from '@flashback-examples/checkout/stack';
import { loadHappyPath, startCheckoutService } from '../support/checkout-service.mjs';
import { openLoop, percentile } from '../support/http-load.mjs';
import { processCpuMs } from '../support/process-cpu.mjs';
import { rawRequest } from '../support/raw-http.mjs';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '8' },
    seconds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '8' },
    rate: { type: 'string' },
    'latency-seconds': { type: 'string', default: '5' },
    'skip-floor': { type: 'boolean', default: false },
    node: { type: 'string' },
    'sdk-env': { type: 'string', multiple: true, default: [] },
    'json-out': { type: 'string' },
  },
});
const rounds = Number(values.rounds);
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const latencySeconds = Number(values['latency-seconds']);
const sdkEnv = Object.fromEntries(values['sdk-env'].map((pair) => pair.split(/=(.*)/s, 2)));
const sides = values['skip-floor'] ? ['off', 'on'] : ['off', 'context', 'on'];
const contextOnly = path.join(path.dirname(fileURLToPath(import.meta.url)), 'context-only.mjs');

const postgres = await startPostgres();
const redis = await startRedis();
const stack = await startStack();
const apps = {};

try {
  for (const side of sides) apps[side] = await startService(side);
  // Warm-up: JIT, connection pools, prepared plans.
  for (const side of sides) await loadHappyPath(apps[side], { connections, duration: 2 });
  const saturation = Object.fromEntries(sides.map((side) => [side, []]));
  for (let round = 1; round <= rounds; round++) {
    for (const side of rotate(sides, round)) {
      const result = await measureSaturated(apps[side]);
      saturation[side].push(result);
      log(
        `round ${round} ${side.padEnd(7)} ${fmt(result.rps)} req/s  p99 ${result.p99} ms  cpu ${fmt((result.cpuMs * 1000) / result.requests)} µs/req  errors ${result.errors}`,
      );
    }
  }
  const throughput = Object.fromEntries(sides.map((side) => [side, summariseSaturated(saturation[side])]));
  const latency = latencySeconds > 0 ? await measureAtFixedRate(throughput.off.rps) : undefined;
  const summary = report(throughput, latency);
  if (values['json-out']) await writeFile(values['json-out'], JSON.stringify(summary));
} finally {
  for (const app of Object.values(apps)) await app.stop();
  await stack.stop();
  await redis.stop();
  await postgres.stop();
}

function startService(side) {
  return startCheckoutService({
    postgres,
    redis,
    stack,
    sdk: side === 'on',
    ...(values.node === undefined ? {} : { node: values.node }),
    ...(side === 'context' ? { nodeArgs: ['--import', contextOnly] } : {}),
    env: { FLASHBACK_SERVICE: 'checkout-bench', LOG_LEVEL: 'error', ...(side === 'on' ? sdkEnv : {}) },
  });
}

/** The sides in a different order each round, so none always goes first. */
function rotate(list, round) {
  const shift = round % list.length;
  return [...list.slice(shift), ...list.slice(0, shift)];
}

async function measureSaturated(app) {
  const cpuBefore = processCpuMs(app.pid);
  const result = await loadHappyPath(app, { connections, duration: seconds });
  const cpuAfter = processCpuMs(app.pid);
  return {
    rps: result.requests.average,
    requests: result.requests.total,
    elapsedS: result.duration,
    p99: result.latency.p99,
    cpuMs: cpuAfter - cpuBefore,
    errors: result.errors + result.non2xx,
  };
}

/** Throughput and CPU per request over all bursts of a side. */
function summariseSaturated(list) {
  const requests = list.reduce((sum, r) => sum + r.requests, 0);
  return {
    rps: requests / list.reduce((sum, r) => sum + r.elapsedS, 0),
    cpu: (list.reduce((sum, r) => sum + r.cpuMs, 0) * 1000) / requests,
    p99AtSaturation: median(list.map((r) => r.p99)),
  };
}

/**
 * Open-loop bursts at one rate for every side, alternating; percentiles over all requests of a
 * side. A side that cannot keep up shows it as latency (and errors), not as a lower rate.
 */
async function measureAtFixedRate(offRps) {
  const rate = values.rate ? Number(values.rate) : Math.round(offRps / 2);
  const latencyRounds = Math.max(2, Math.ceil(rounds / 4));
  const body = Buffer.from(JSON.stringify(happyPathRequest.body));
  const latencies = Object.fromEntries(sides.map((side) => [side, { all: [], errors: 0 }]));
  for (let round = 1; round <= latencyRounds; round++) {
    for (const side of rotate(sides, round)) {
      const request = rawRequest({
        url: apps[side].url,
        method: happyPathRequest.method,
        path: happyPathRequest.path,
        headers: { 'content-type': 'application/json' },
        body,
      });
      const result = await openLoop({
        url: apps[side].url,
        requestsPerSecond: rate,
        seconds: latencySeconds,
        nextRequest: () => request,
      });
      latencies[side].all.push(...result.latencies);
      latencies[side].errors += Object.values(result.errors).reduce((a, b) => a + b, 0) + result.skipped;
      log(
        `fixed rate ${rate}/s, round ${round} ${side.padEnd(7)} p50 ${result.p50.toFixed(2)} ms  p99 ${result.p99.toFixed(2)} ms  errors ${latencies[side].errors}`,
      );
    }
  }
  const percentiles = Object.fromEntries(
    sides.map((side) => {
      const sorted = latencies[side].all.sort((a, b) => a - b);
      const { errors } = latencies[side];
      return [
        side,
        { p50: percentile(sorted, 50), p99: percentile(sorted, 99), requests: sorted.length, errors },
      ];
    }),
  );
  return { rate, seconds: latencyRounds * latencySeconds, ...percentiles };
}

function median(numbers) {
  const sorted = [...numbers].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Prints the comparison and returns it (the SDK-on side against SDK-off, and the floor). */
function report(throughput, latency) {
  const { off, on, context } = throughput;
  const ratio = (side) => (side.rps / off.rps).toFixed(3);
  log('');
  const settings =
    (Object.keys(sdkEnv).length > 0 ? `, SDK with ${values['sdk-env'].join(' ')}` : '') +
    (values.node === undefined ? '' : `, on ${values.node}`);
  log(
    `capture overhead (${rounds} rounds of ${seconds}s bursts per side, ${connections} connections${settings})`,
  );
  log('  saturation  throughput        cpu per request');
  for (const side of sides) {
    const t = throughput[side];
    const added = side === 'off' ? '' : `   added ${fmt(t.cpu - off.cpu)} µs`;
    log(
      `    ${side.padEnd(8)} ${fmt(t.rps)} req/s  ${ratio(t)}x   ${fmt(t.cpu)} µs${added}   (p99 ${t.p99AtSaturation} ms)`,
    );
  }
  log(`    target: on >= 0.95x of off${context ? `; context alone is ${ratio(context)}x` : ''}`);
  if (latency) {
    log(`  fixed rate  ${latency.rate} req/s, ${latency.seconds}s per side, open loop`);
    for (const side of sides) {
      const l = latency[side];
      const added =
        side === 'off'
          ? ''
          : `   added p50 ${(l.p50 - latency.off.p50).toFixed(2)} ms  p99 ${(l.p99 - latency.off.p99).toFixed(2)} ms`;
      log(
        `    ${side.padEnd(8)} p50 ${l.p50.toFixed(2)} ms  p99 ${l.p99.toFixed(2)} ms${added}${l.errors ? `  errors ${l.errors}` : ''}`,
      );
    }
    log('    target: on adds <= 1 ms at p99');
  }
  return {
    ...throughput,
    ratio: on.rps / off.rps,
    addedCpu: on.cpu - off.cpu,
    ...(context ? { contextRatio: context.rps / off.rps, contextAddedCpu: context.cpu - off.cpu } : {}),
    ...(latency ? { latency } : {}),
  };
}

function fmt(n) {
  return n.toFixed(0).padStart(6);
}

function log(line) {
  process.stdout.write(`${line}\n`);
}
