#!/usr/bin/env node
/**
 * Ingest over real HTTP against the collector on its embedded default: a SQLite file, every
 * acknowledgement after the packages are committed and fsync'd, tier 1 and 2 triage inline. The
 * collector runs in a child process; this process only sends. (Triage alone, in process: bench/triage.)
 *
 *   node bench/ingest/run.mjs [--seconds 10] [--novel 0.05] [--only throughput|latency] [--quick]
 *
 * Four runs, for one package per request (every package pays for a request: the worst case) and
 * for batches of 10 (what the SDK sends when errors come in bursts):
 *   - throughput: closed loop, clients sending back to back; the packages/s the collector sustains
 *   - latency:    open loop at the target rate; p99 of the acknowledgement, counted from when each
 *                 request was due
 * Besides wall-clock numbers it prints the collector's CPU time per package (all its threads,
 * from /proc) and how much of a core the load generator itself used: on a 2-core machine the two
 * share the cores, and the CPU per package is what compares across runs and machines.
 *
 * Targets: >= 2,000 packages/s sustained; p99 acknowledgement <= 50 ms.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { closedLoop, openLoop } from '../support/http-load.mjs';
import { processCpuMs } from '../support/process-cpu.mjs';
import { requestPool } from './request-pool.mjs';
import { loadTemplates } from './sample-packages.mjs';

const TARGET_PACKAGES_PER_SECOND = 2_000;
const TARGET_P99_MS = 50;

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    novel: { type: 'string', default: '0.05' },
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
  },
});
const seconds = values.quick ? 3 : Number(values.seconds);
const novelShare = Number(values.novel);
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const dist = path.join(root, 'packages/server/dist');
if (!existsSync(path.join(dist, 'index.js'))) {
  process.stderr.write('build first: npx tsc -b packages/server\n');
  process.exit(2);
}
const { createProject } = await import(path.join(dist, 'index.js'));

const { source, templates } = loadTemplates(root);
log(`packages: ${source}; ${(novelShare * 100).toFixed(0)}% get a new fingerprint (new issue, rules run)`);

let serial = 0;
function makePackage() {
  const template = templates[serial++ % templates.length];
  const pkg = { ...template, id: randomUUID(), capturedAt: new Date().toISOString() };
  if (Math.random() < novelShare) pkg.error = { ...template.error, type: `${template.error.type}N${serial}` };
  return pkg;
}

const runs = [
  { name: 'throughput, 1 package/request', batchSize: 1, mode: 'closed', connections: 64 },
  { name: 'throughput, 10 packages/request', batchSize: 10, mode: 'closed', connections: 8 },
  { name: `latency at ${TARGET_PACKAGES_PER_SECOND}/s, 1/request`, batchSize: 1, mode: 'open' },
  { name: `latency at ${TARGET_PACKAGES_PER_SECOND}/s, 10/request`, batchSize: 10, mode: 'open' },
];

const dataDir = mkdtempSync(path.join(tmpdir(), 'bench-ingest-'));
const project = await createProject('bench', { dataDir });
const collector = await startCollector(dataDir);
const results = [];
try {
  for (const run of runs.filter((r) => !values.only || r.name.includes(values.only))) {
    const target = { url: collector.url, project: 'bench', key: project.ingestKey };
    // Requests are made before each clock starts, for up to 4,000 packages/s (twice the target).
    const pool = (s) =>
      requestPool(target, makePackage, run.batchSize, Math.ceil((4_000 * s) / run.batchSize));
    const load = (s, requests) => {
      const common = {
        url: collector.url,
        seconds: s,
        nextRequest: () => requests.next(),
        units: acknowledged,
      };
      return run.mode === 'closed'
        ? closedLoop({ ...common, connections: run.connections })
        : openLoop({ ...common, requestsPerSecond: TARGET_PACKAGES_PER_SECOND / run.batchSize });
    };
    const warmup = Math.min(2, seconds);
    await load(warmup, pool(warmup));
    const requests = pool(seconds);
    const cpuBefore = processCpuMs(collector.pid) / 1000;
    const ownCpuBefore = process.cpuUsage();
    const result = await load(seconds, requests);
    result.packagesPerSecond = result.unitsPerSecond;
    const cpuSeconds = processCpuMs(collector.pid) / 1000 - cpuBefore;
    const ownCpu = process.cpuUsage(ownCpuBefore);
    result.loadGeneratorCpuShare = (ownCpu.user + ownCpu.system) / 1e6 / result.seconds;
    result.collectorCpuMicrosPerPackage = (cpuSeconds * 1e6) / (result.packagesPerSecond * result.seconds);
    result.collectorCpuShare = cpuSeconds / result.seconds;
    results.push({ ...run, ...result });
    log(
      `${run.name.padEnd(34)} ${fmt(result.packagesPerSecond).padStart(6)} packages/s  ` +
        `p50 ${result.p50.toFixed(1)} ms  p99 ${result.p99.toFixed(1)} ms  max ${result.max.toFixed(1)} ms  ` +
        `collector CPU ${result.collectorCpuMicrosPerPackage.toFixed(0)} µs/package ` +
        `(${(result.collectorCpuShare * 100).toFixed(0)}% of a core; load generator ${(result.loadGeneratorCpuShare * 100).toFixed(0)}%)` +
        `${Object.keys(result.errors).length ? `  errors ${JSON.stringify(result.errors)}` : ''}` +
        `${result.skipped ? `  ${result.skipped} requests not sent (too many in flight)` : ''}`,
    );
  }
} finally {
  await collector.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

log('');
log(`summary (ratio = measured against target; >= 1 meets it)`);
for (const r of results) {
  const ratio =
    r.mode === 'closed'
      ? `${fmt(r.packagesPerSecond)} packages/s vs ${fmt(TARGET_PACKAGES_PER_SECOND)}: ratio ${(r.packagesPerSecond / TARGET_PACKAGES_PER_SECOND).toFixed(2)}`
      : `p99 ${r.p99.toFixed(1)} ms vs ${TARGET_P99_MS} ms: ratio ${(TARGET_P99_MS / r.p99).toFixed(2)}`;
  log(`  ${r.name.padEnd(34)} ${ratio}`);
}

const outDir = path.join(root, 'bench/results');
mkdirSync(outDir, { recursive: true });
writeFileSync(
  path.join(outDir, 'ingest.json'),
  `${JSON.stringify({ date: new Date().toISOString(), source, novelShare, seconds, results }, null, 2)}\n`,
);

/** Packages the collector acknowledged (accepted, or known already); any other answer is a failure. */
function acknowledged({ status, body }) {
  if (status !== 200) throw new Error(`${status} ${body.slice(0, 80)}`);
  const { accepted, duplicates } = JSON.parse(body);
  return accepted.length + duplicates.length;
}

async function startCollector(dir) {
  const extraArgs = (process.env.BENCH_COLLECTOR_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...extraArgs, path.join(here, 'collector.mjs')], {
    env: { ...process.env, DATA_DIR: dir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      out += chunk;
      const match = /listening (\S+)/.exec(out);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`the collector exited with ${code}`)));
  });
  return {
    url,
    pid: child.pid,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
      }),
  };
}

/** CPU seconds (user + system, all threads) a process has used, from /proc; NaN elsewhere. */
function fmt(n) {
  return Math.round(n).toLocaleString('en-US');
}

function log(line) {
  process.stdout.write(`${line}\n`);
}
