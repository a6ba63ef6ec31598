#!/usr/bin/env node
/**
 * The main job on a laptop, end to end: the collector (`flashback serve`) on the embedded SQLite
 * default, the checkout example with the SDK pointed at it, every production bug fired (some
 * several times), then triage and reproductions awaited and summarised. A throwaway PostgreSQL
 * and Redis on 127.0.0.1 play the service's production databases.
 *
 *   node scripts/demo.mjs            run, print the summary, stop everything
 *   node scripts/demo.mjs --keep     leave the collector and its web UI up until Ctrl-C
 *   node scripts/demo.mjs --json-out <file>   also write the summary as JSON (used by its test)
 */
import { spawn } from 'node:child_process';
import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startPostgres, startRedis, startScenario, waitFor } from '@flashback-dev/test-harness';
import { bugRequests, checkoutEnvAllowlist, happyPathRequest } from '@flashback-examples/checkout/requests';
import { startStack } from '@flashback-examples/checkout/stack';

const { values: flags } = parseArgs({
  options: { keep: { type: 'boolean', default: false }, 'json-out': { type: 'string' } },
});
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const demoDir = path.join(root, '.flashback', 'demo');
const collectorDir = path.join(demoDir, 'collector');
const cli = path.join(root, 'packages/cli/bin/flashback.js');
const PROJECT = 'demo';
// How often each bug is fired: repeats show fingerprint dedup (tier 1) counting occurrences.
const REPEATS = { 'free-order-charge-rejected': 3, 'deleted-customer': 2, 'malformed-items': 2 };
const started = performance.now();

function step(message) {
  const seconds = ((performance.now() - started) / 1000).toFixed(1).padStart(5);
  process.stdout.write(`[${seconds}s] ${message}\n`);
}

const cleanups = [];
async function cleanup() {
  for (const stop of cleanups.reverse()) await stop().catch(() => {});
  cleanups.length = 0;
}
process.on('SIGINT', () => cleanup().then(() => process.exit(130)));
process.on('SIGTERM', () => cleanup().then(() => process.exit(143)));

try {
  await rm(demoDir, { recursive: true, force: true });
  await mkdir(collectorDir, { recursive: true });

  step('creating project "demo" in the embedded SQLite database');
  const project = JSON.parse(await runCli(['projects', 'create', PROJECT, '--data', collectorDir, '--json']));

  step('starting the collector: flashback serve');
  const collector = await startCollector();
  cleanups.push(() => collector.stop());
  step(`collector on ${collector.url}`);

  step('starting PostgreSQL and Redis on 127.0.0.1, the payment gateway and S3 stand-ins');
  const [postgres, redis, stack] = await Promise.all([
    startPostgres(),
    startRedis(),
    startStack({ gatewayHangMs: 5_000 }),
  ]);
  cleanups.push(
    () => postgres.stop(),
    () => redis.stop(),
    () => stack.stop(),
  );

  const dsn = new URL(collector.url);
  dsn.username = project.ingestKey;
  dsn.pathname = `/${PROJECT}`;
  step('starting examples/checkout with --import @flashback/node/register, FLASHBACK_DSN → the collector');
  const app = await startScenario({
    entry: path.join(root, 'examples/checkout/src/server.js'),
    cwd: path.join(root, 'examples/checkout'),
    env: {
      ...stack.env,
      DATABASE_URL: postgres.url,
      REDIS_URL: redis.url,
      ORDERS_DB: path.join(demoDir, 'orders.db'),
      PAYMENT_GATEWAY_TIMEOUT_MS: '800',
      FLASHBACK_SERVICE: 'checkout',
      FLASHBACK_DSN: dsn.toString(),
      FLASHBACK_ENV_ALLOWLIST: checkoutEnvAllowlist,
    },
  });
  cleanups.push(() => app.stop());

  const happy = await app.request(happyPathRequest.method, happyPathRequest.path, happyPathRequest.body);
  step(`happy path: ${happyPathRequest.method} ${happyPathRequest.path} → ${happy.status}`);

  const fired = [];
  for (const bug of bugRequests) {
    const times = REPEATS[bug.id] ?? 1;
    const before = (await app.packages()).length;
    const statuses = [];
    for (let i = 0; i < times; i++) statuses.push((await app.request(bug.method, bug.path, bug.body)).status);
    const packages = await app.waitForPackages(before + times, 15_000).catch(() => app.packages());
    const pkg = packages.length > before ? packages[packages.length - 1] : undefined;
    fired.push({ bug, times, fingerprint: pkg?.fingerprint });
    step(
      `bug ${bug.bug} ${bug.id}: ${statuses.join(', ')} ×${times}${pkg ? `, captured ${pkg.error.type}` : ', nothing captured'}`,
    );
  }
  await cp(app.outputDir, path.join(demoDir, 'packages'), { recursive: true });

  const expected = fired.reduce((sum, f) => sum + (f.fingerprint ? f.times : 0), 0);
  step(`waiting for the collector to receive ${expected} packages and settle triage and reproductions`);
  const issues = await waitForSettled(collector, expected);
  const rows = await Promise.all(fired.map((f) => summarise(collector, f, issues)));
  printSummary(rows);
  step(`web UI: ${collector.uiUrl}`);
  if (flags['json-out'])
    await writeFile(flags['json-out'], JSON.stringify({ ui: collector.uiUrl, rows }, null, 2));

  const failed = rows.filter((r) => r.tier === undefined).length;
  if (flags.keep) {
    await app.stop();
    step('the collector and its web UI stay up; press Ctrl-C to stop');
    await new Promise(() => {});
  }
  await cleanup();
  process.exit(failed === 0 ? 0 : 1);
} catch (error) {
  process.stderr.write(`demo failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  await cleanup();
  process.exit(1);
}

function runCli(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`flashback ${args.join(' ')} exited ${code}: ${err}`)),
    );
  });
}

/** `flashback serve` on a free port; resolves once it printed its address and UI link. */
function startCollector() {
  const child = spawn(
    process.execPath,
    [
      cli,
      'serve',
      '--port',
      '0',
      '--data',
      collectorDir,
      '--config',
      path.join(root, 'examples/checkout/flashback.config.json'),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stderr.on('data', (chunk) => {
    // Reproduction progress, shown as it happens.
    for (const line of String(chunk).split('\n')) if (line.trim()) process.stdout.write(`        ${line}\n`);
  });
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`flashback serve exited ${code}: ${out}`)));
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const url = /listening on (\S+)/.exec(out)?.[1];
      const ui = /web UI:\s+(\S+)/.exec(out)?.[1];
      if (!url || !ui) return;
      const token = new URL(ui).hash.replace(/^#token=/, '');
      resolve({
        url,
        uiUrl: ui,
        api: async (pathname) => {
          const response = await fetch(`${url}${pathname}`, {
            headers: { authorization: `Bearer ${token}` },
          });
          if (!response.ok) throw new Error(`GET ${pathname}: ${response.status} ${await response.text()}`);
          return response.json();
        },
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.removeAllListeners('exit');
            child.once('exit', () => done());
            child.kill('SIGINT');
          }),
      });
    });
  });
}

/** Issues once every package arrived and no reproduction is queued or running. */
async function waitForSettled(collector, expected) {
  let last = '';
  return waitFor(
    async () => {
      const { issues } = await collector.api(`/api/projects/${PROJECT}/issues?limit=200`);
      const received = issues.reduce((sum, issue) => sum + issue.count, 0);
      const busy = issues.filter(
        (i) => i.reproductionStatus === 'queued' || i.reproductionStatus === 'running',
      );
      const state = `${received}/${expected} packages, ${issues.length} issues, ${busy.length} reproducing`;
      if (state !== last) step(`  ${state}`);
      last = state;
      return received >= expected && busy.length === 0 ? issues : undefined;
    },
    { timeoutMs: 180_000, intervalMs: 250, what: 'triage and reproductions to settle' },
  );
}

async function summarise(collector, fired, issues) {
  const { bug, times } = fired;
  const issue = issues.find((i) => i.fingerprint === fired.fingerprint);
  if (!issue) return { bug: `${bug.bug} ${bug.id}`, fired: times };
  const detail = await collector.api(`/api/projects/${PROJECT}/issues/${issue.id}`);
  const repro = detail.reproductions[0];
  const finding =
    issue.tier === 2
      ? `${issue.cause.kind}: ${issue.cause.summary}`
      : repro
        ? (repro.verdict?.summary ?? `${repro.status.replace('_', ' ')}: ${repro.error ?? ''}`)
        : issue.tierReason;
  const toVerdictMs = repro?.finishedAt
    ? Date.parse(repro.finishedAt) - Date.parse(issue.firstSeen)
    : Date.parse(detail.packages.at(-1)?.receivedAt ?? issue.firstSeen) - Date.parse(issue.firstSeen);
  return {
    bug: `${bug.bug} ${bug.id}`,
    fired: times,
    occurrences: issue.count,
    tier: issue.tier,
    finding,
    timeToVerdictMs: Math.max(0, toVerdictMs),
    issueId: issue.id,
  };
}

function printSummary(rows) {
  const header = ['bug', 'occurrences', 'tier', 'cause or verdict', 'time to verdict'];
  const cells = rows.map((r) => [
    r.bug,
    r.occurrences === undefined ? `0 of ${r.fired}` : String(r.occurrences),
    r.tier === undefined ? '-' : String(r.tier),
    truncate(r.finding ?? '(not received)', 90),
    r.timeToVerdictMs === undefined
      ? '-'
      : r.tier >= 3
        ? `${(r.timeToVerdictMs / 1000).toFixed(1)} s`
        : 'at ingest',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (row) => row.map((c, i) => c.padEnd(widths[i])).join('  ');
  process.stdout.write(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n`);
  for (const row of cells) process.stdout.write(`${line(row)}\n`);
  process.stdout.write('\n');
}

function truncate(text, max) {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
