#!/usr/bin/env node
/**
 * The main job on a laptop: a throwaway PostgreSQL and Redis on 127.0.0.1, the checkout example
 * with the Flashback SDK preloaded, one request per production bug, and a summary of what was
 * captured for each. Packages are kept in .flashback/demo/packages.
 */
import { cp, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPostgres, startRedis, startScenario } from '@flashback-dev/test-harness';
import { bugRequests, happyPathRequest } from '@flashback-examples/checkout/requests';
import { startStack } from '@flashback-examples/checkout/stack';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, '.flashback', 'demo', 'packages');
const started = performance.now();

function step(message) {
  const seconds = ((performance.now() - started) / 1000).toFixed(1).padStart(5);
  process.stdout.write(`[${seconds}s] ${message}\n`);
}

const cleanups = [];
async function cleanup() {
  for (const stop of cleanups.reverse()) await stop().catch(() => {});
}
process.on('SIGINT', () => cleanup().then(() => process.exit(130)));

try {
  step('starting PostgreSQL and Redis on 127.0.0.1');
  const [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
  cleanups.push(
    () => postgres.stop(),
    () => redis.stop(),
  );

  step('starting the payment gateway and S3 stand-ins');
  const stack = await startStack({ gatewayHangMs: 5_000 });
  cleanups.push(() => stack.stop());

  step('starting examples/checkout with --import @flashback/node/register');
  const app = await startScenario({
    entry: path.join(root, 'examples/checkout/src/server.js'),
    cwd: path.join(root, 'examples/checkout'),
    env: {
      ...stack.env,
      DATABASE_URL: postgres.url,
      REDIS_URL: redis.url,
      ORDERS_DB: path.join(root, '.flashback', 'demo', 'orders.db'),
      PAYMENT_GATEWAY_TIMEOUT_MS: '800',
      FLASHBACK_SERVICE: 'checkout',
    },
  });
  cleanups.push(() => app.stop());

  const happy = await app.request(happyPathRequest.method, happyPathRequest.path, happyPathRequest.body);
  step(`happy path: ${happyPathRequest.method} ${happyPathRequest.path} → ${happy.status}`);

  const outcomes = [];
  for (const bug of bugRequests) {
    const before = (await app.packages()).length;
    const response = await app.request(bug.method, bug.path, bug.body);
    const packages = await app.waitForPackages(before + 1, 15_000).catch(() => app.packages());
    const pkg = packages.length > before ? packages[packages.length - 1] : undefined;
    outcomes.push({ bug, status: response.status, pkg });
    step(
      `bug ${bug.bug} ${bug.id}: ${response.status}${pkg ? `, captured ${pkg.error.type}` : ', nothing captured'}`,
    );
  }

  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  await cp(app.outputDir, outDir, { recursive: true });

  printSummary(outcomes);
  const missing = outcomes.filter((o) => !o.pkg).length;
  step(
    `${outcomes.length - missing} of ${outcomes.length} failures captured; packages in ${path.relative(process.cwd(), outDir)}`,
  );
  await cleanup();
  process.exit(missing === 0 ? 0 : 1);
} catch (error) {
  process.stderr.write(`demo failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  await cleanup();
  process.exit(1);
}

function printSummary(outcomes) {
  const rows = outcomes.map(({ bug, status, pkg }) => {
    if (!pkg) return [String(bug.bug), bug.id, String(status), '(not captured)', '', '', '', ''];
    const counts = { db: 0, http: 0, redis: 0 };
    for (const event of pkg.timeline) if (event.type in counts) counts[event.type]++;
    const framesWithLocals = pkg.error.frames.filter(
      (f) => f.locals && Object.keys(f.locals).length > 0,
    ).length;
    return [
      String(bug.bug),
      bug.id,
      String(status),
      truncate(`${pkg.error.type}: ${pkg.error.message}`, 58),
      `${counts.db} db, ${counts.http} http, ${counts.redis} redis`,
      framesWithLocals > 0 ? `${framesWithLocals} frames` : '-',
      String(pkg.redactions.length),
      pkg.fingerprint.slice(0, 12),
    ];
  });
  const header = [
    'bug',
    'request',
    'status',
    'captured error',
    'timeline',
    'locals',
    'redacted',
    'fingerprint',
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  process.stdout.write(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n`);
  for (const row of rows) process.stdout.write(`${line(row)}\n`);
  process.stdout.write('\n');
}

function truncate(text, max) {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
