// The collector under test, in its own process as in production: the embedded SQLite default
// under DATA_DIR, tier 1 and 2 triage inline. Prints its URL once it listens. For comparisons,
// BENCH_VALIDATION_WORKERS and BENCH_SQLITE_SYNCHRONOUS override the defaults.
import { startServer } from '../../packages/server/dist/index.js';

const server = await startServer({
  port: 0,
  dataDir: process.env.DATA_DIR,
  ...(process.env.BENCH_VALIDATION_WORKERS
    ? { validationWorkers: Number(process.env.BENCH_VALIDATION_WORKERS) }
    : {}),
  ...(process.env.BENCH_SQLITE_SYNCHRONOUS
    ? { sqliteSynchronous: process.env.BENCH_SQLITE_SYNCHRONOUS }
    : {}),
});
process.stdout.write(`listening ${server.url}\n`);
process.on('SIGTERM', () => server.close().then(() => process.exit(0)));
