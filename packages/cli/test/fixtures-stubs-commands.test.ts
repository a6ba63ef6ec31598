/** `flashback fixtures` and `flashback stubs`, run as the real binary on small recorded packages. */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ErrorPackage, TimelineEvent } from '@flashback/protocol/types';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPackage } from '../../replay/test/runner/support/package-builder.js';
import { BIN, REPO_ROOT, runCli } from './support/run-cli.js';

const DB = '/srv/app/app.db';
const customerRead: TimelineEvent = {
  seq: 0,
  type: 'db',
  system: 'sqlite',
  database: DB,
  statement: 'SELECT id, name FROM customers WHERE id = ?',
  params: [5],
  fields: [{ name: 'id' }, { name: 'name' }],
  rows: [[5, 'Katherine Johnson']],
  startOffsetMs: 1,
  durationMs: 1,
  outcome: 'ok',
};
const rateCall: TimelineEvent = {
  seq: 1,
  type: 'http',
  method: 'GET',
  url: 'http://gateway.internal:8080/v1/rates?currency=usd',
  requestHeaders: { accept: 'application/json' },
  status: 200,
  responseHeaders: { 'content-type': 'application/json' },
  responseBody: {
    contentType: 'application/json',
    encoding: 'utf8',
    data: '{"rate":1.1}',
    size: 12,
    truncated: false,
  },
  startOffsetMs: 2,
  durationMs: 3,
  outcome: 'ok',
};
const pkg: ErrorPackage = buildPackage({
  timeline: [customerRead, rateCall],
  schemas: [
    {
      system: 'sqlite',
      database: DB,
      tables: [
        { name: 'customers', ddl: 'CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL)' },
      ],
    },
  ],
});

let scratch: string;
let packageFile: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'cli-commands-'));
  packageFile = join(scratch, 'package.json');
  await writeFile(packageFile, JSON.stringify(pkg));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('flashback fixtures', () => {
  it('prints the fixture and the fidelity report', async () => {
    const run = await runCli(['fixtures', packageFile]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`sqlite ${DB}`);
    expect(run.stdout).toMatch(/customers \(1 row\)\n\s+id \| name\n\s+5 \| Katherine Johnson/);
    expect(run.stdout).toContain(`Fidelity ${DB}: every recorded query matches`);
    expect(run.stdout).toMatch(/ok\s+#0 read\s+SELECT id, name FROM customers WHERE id = \?/);
  });

  it('prints JSON and writes the SQLite database with --out, never over an existing file', async () => {
    const out = join(scratch, 'fixture.db');
    const run = await runCli(['fixtures', packageFile, '--out', out, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as {
      fixture: { databases: unknown[] };
      fidelity: { ok: boolean }[];
    };
    expect(report.fixture.databases).toHaveLength(1);
    expect(report.fidelity.map((f) => f.ok)).toEqual([true]);
    const db = new Database(out, { readonly: true });
    expect(db.prepare('SELECT id, name FROM customers').all()).toEqual([
      { id: 5, name: 'Katherine Johnson' },
    ]);
    db.close();

    const again = await runCli(['fixtures', packageFile, '--out', out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`${out} already exists`);
  });
});

describe('flashback stubs', () => {
  it('serves the recorded responses on a free port until Ctrl-C, then reports divergences', async () => {
    const child = spawn(process.execPath, [BIN, 'stubs', packageFile], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const serving = new Promise<void>((resolve) => {
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        if (stdout.includes('press Ctrl-C to stop')) resolve();
      });
    });
    await Promise.race([
      serving,
      once(child, 'exit').then(() => Promise.reject(new Error(`exited early: ${stderr}`))),
    ]);
    const listening =
      /http\s+http:\/\/gateway\.internal:8080 \(recorded\) → listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(
        stdout,
      );
    expect(listening, stdout).not.toBeNull();
    const base = `http://127.0.0.1:${listening?.[1]}`;

    const recorded = await fetch(`${base}/v1/rates?currency=usd`, {
      headers: { accept: 'application/json' },
    });
    expect(recorded.status).toBe(200);
    expect(await recorded.json()).toEqual({ rate: 1.1 });
    const unexpected = await fetch(`${base}/v1/refunds`, { method: 'POST' });
    expect(unexpected.status).toBe(599);

    child.kill('SIGINT');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    expect(stderr).toMatch(
      /divergence \(unexpected-call\) http http:\/\/gateway\.internal:8080: .*POST \/v1\/refunds/,
    );
  });
});
