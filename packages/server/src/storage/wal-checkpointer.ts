import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * Copies the WAL back into the database file from a worker thread with its own connection. The
 * main connection has automatic checkpoints turned off: a checkpoint copies megabytes and fsyncs
 * the database file, and on the main thread it would stall every request for that long. PASSIVE
 * checkpoints never wait for the writer, so the worker never blocks ingest either.
 *
 * The worker is given as source text (`eval: true`) because the same code must run from the
 * compiled package and from the TypeScript sources under test; it only loads better-sqlite3.
 */
const CHECKPOINTER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.betterSqlite3);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
let stopped = false;
let timer;
let attempts = 0;
// A few rounds back to back until the WAL is fully copied (new frames keep arriving under load),
// so the writer can start it over from the beginning and it stays a few megabytes; then a pause.
function checkpoint() {
  if (stopped) return;
  let complete = true;
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    complete = result.log === result.checkpointed;
  } catch {
    // Busy or interrupted: the next round catches up.
  }
  attempts = complete ? 0 : attempts + 1;
  const again = !complete && attempts <= workerData.catchUpRounds;
  if (!again) attempts = 0;
  timer = setTimeout(checkpoint, again ? 0 : workerData.idleMs);
}
checkpoint();
parentPort.on('message', () => {
  if (stopped) return;
  stopped = true;
  clearTimeout(timer);
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {}
  db.close();
  parentPort.postMessage('closed');
  parentPort.close();
});
`;

export class WalCheckpointer {
  private constructor(private readonly worker: Worker) {
    // A checkpointer that died only lets the WAL grow until the next start; it must not end the process.
    worker.on('error', () => {});
  }

  static start(file: string, intervalMs = 200): WalCheckpointer {
    const worker = new Worker(CHECKPOINTER_SOURCE, {
      eval: true,
      workerData: {
        betterSqlite3: createRequire(import.meta.url).resolve('better-sqlite3'),
        file,
        intervalMs,
      },
    });
    worker.unref();
    return new WalCheckpointer(worker);
  }

  /** Runs a last checkpoint and closes the worker's connection. */
  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.worker.once('exit', resolve));
    // Unreferenced while it runs, so it never keeps a finished process alive; but wait for it now.
    this.worker.ref();
    this.worker.postMessage('stop');
    await exited;
  }
}
