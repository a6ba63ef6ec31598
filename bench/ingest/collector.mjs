// The collector under test, in its own process as in production: the embedded SQLite default
// under DATA_DIR, tier 1 and 2 triage inline. Prints its URL once it listens.
import { startServer } from '../../packages/server/dist/index.js';

const server = await startServer({
  port: 0,
  dataDir: process.env.DATA_DIR,
  ...(process.env.BENCH_SQLITE_SYNCHRONOUS
    ? { sqliteSynchronous: process.env.BENCH_SQLITE_SYNCHRONOUS }
    : {}),
});
process.stdout.write(`listening ${server.url}\n`);
process.on('SIGTERM', () => {
  const a = (globalThis.__fs ?? []).sort((x, y) => x - y);
  if (a.length)
    process.stderr.write(
      `fsyncs ${a.length} p50 ${a[a.length >> 1].toFixed(1)} p99 ${a[Math.floor(a.length * 0.99)].toFixed(1)} max ${a[a.length - 1].toFixed(1)}\n`,
    );
  server.close().then(() => process.exit(0));
});
