#!/usr/bin/env node
/**
 * CPU profile of the checkout service under the capture-overhead load, to see where the SDK's
 * cost goes. Only the measured load counts (not startup, warm-up or shutdown). Writes a `.cpuprofile` (open it in Chrome DevTools) and prints self time grouped
 * by where the code lives (SDK, undici, web streams, pg, ...) and the SDK's hottest functions, in
 * microseconds of CPU per request: unlike throughput, that holds still on a busy machine, so an
 * SDK-on and an SDK-off profile can be compared area by area.
 *
 *   node bench/capture-overhead/profile.mjs [--sdk on|off] [--seconds 10] [--connections 8] [--out dir]
 *     [--sdk-env FLASHBACK_LOCALS=0 ...] [--node path/to/node]
 */
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startPostgres, startRedis } from '@flashback-dev/test-harness';
import { startStack } from '@flashback-examples/checkout/stack';
import { loadHappyPath, startCheckoutService } from '../support/checkout-service.mjs';

const { values } = parseArgs({
  options: {
    sdk: { type: 'string', default: 'on' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '8' },
    out: { type: 'string' },
    'sdk-env': { type: 'string', multiple: true, default: [] },
    node: { type: 'string' },
  },
});
const outDir = values.out ?? (await mkdtemp(path.join(tmpdir(), 'capture-profile-')));

let requests = 0;
const window = { start: 0, end: Number.POSITIVE_INFINITY };
const postgres = await startPostgres();
const redis = await startRedis();
const stack = await startStack();
try {
  const app = await startCheckoutService({
    postgres,
    redis,
    stack,
    sdk: values.sdk === 'on',
    ...(values.node === undefined ? {} : { node: values.node }),
    nodeArgs: ['--cpu-prof', '--cpu-prof-dir', outDir],
    env: {
      FLASHBACK_SERVICE: 'checkout-bench',
      LOG_LEVEL: 'error',
      ...Object.fromEntries(values['sdk-env'].map((pair) => pair.split(/=(.*)/s, 2))),
    },
  });
  const run = (duration) => loadHappyPath(app, { connections: Number(values.connections), duration });
  await run(2); // warm-up, left out of the summary with startup
  // The profile's clock is the monotonic clock hrtime reads, in microseconds.
  window.start = Number(process.hrtime.bigint() / 1000n);
  const result = await run(Number(values.seconds));
  window.end = Number(process.hrtime.bigint() / 1000n);
  await app.stop();
  requests = result.requests.total;
  log(`sdk ${values.sdk}: ${result.requests.average.toFixed(0)} req/s, p99 ${result.latency.p99} ms`);
} finally {
  await stack.stop();
  await redis.stop();
  await postgres.stop();
}

const file = (await readdir(outDir)).find((name) => name.endsWith('.cpuprofile'));
if (!file) throw new Error(`no profile written to ${outDir}`);
const profilePath = path.join(outDir, file);
summarise(JSON.parse(await readFile(profilePath, 'utf8')));
log(`\nprofile: ${profilePath} (measured from ${window.start} to ${window.end} µs)`);

/** Self time per node, from the sample counts and the time between samples. */
function summarise(profile) {
  const self = new Map();
  const deltas = profile.timeDeltas;
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += deltas[i] ?? 0;
    if (at >= window.start && at <= window.end) self.set(id, (self.get(id) ?? 0) + (deltas[i + 1] ?? 0));
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const byArea = new Map();
  const sdkFunctions = new Map();
  for (const node of profile.nodes) {
    const time = self.get(node.id) ?? 0;
    if (time === 0) continue;
    const area = areaOf(node.callFrame);
    byArea.set(area, (byArea.get(area) ?? 0) + time);
    if (area === 'sdk') {
      const { functionName, url, lineNumber } = node.callFrame;
      const key = `${functionName || '(anonymous)'} ${url.split('/dist/')[1] ?? url}:${lineNumber + 1}`;
      sdkFunctions.set(key, (sdkFunctions.get(key) ?? 0) + time);
    }
  }
  const idle = byArea.get('((idle))') ?? 0;
  // Profile times are in microseconds.
  const perRequest = (t) => `${(t / requests).toFixed(1).padStart(6)} µs/req`;
  const pct = (t) => `${perRequest(t)} ${((100 * t) / total).toFixed(1).padStart(5)}%`;
  log(`\nbusy CPU: ${perRequest(total - idle)} over ${requests} requests`);
  log('\nself time by area');
  for (const [area, time] of [...byArea].sort((a, b) => b[1] - a[1]).slice(0, 25))
    log(`  ${pct(time)}  ${area}`);
  log('\nhottest SDK functions');
  for (const [name, time] of [...sdkFunctions].sort((a, b) => b[1] - a[1]).slice(0, 25))
    log(`  ${pct(time)}  ${name}`);
}

function areaOf({ url, functionName }) {
  if (url.includes('packages/node/dist/')) return 'sdk';
  if (url.includes('packages/protocol/dist/')) return 'sdk (protocol)';
  const dep = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (dep) return dep[1];
  if (url.startsWith('node:internal/deps/undici')) return 'undici';
  if (url.startsWith('node:internal/webstreams')) return 'web streams';
  if (url.startsWith('node:')) return url.split('/').slice(0, 3).join('/');
  if (url.includes('examples/checkout')) return 'app';
  return url ? url : `(${functionName || 'native'})`;
}

function log(line) {
  process.stdout.write(`${line}\n`);
}
