/**
 * The real-world handlers against real things: PostgreSQL and Redis servers started by the test
 * setup, a SQLite file, and an HTTP server on loopback. Each execution's error package must pass
 * the protocol's validation with the IO as the matching timeline events.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DbEvent, HttpEvent, RedisEvent } from '@flashback/protocol';
import { validatePackage } from '@flashback/protocol';
import { createDatabase } from '@flashback-dev/test-harness';
import Database from 'better-sqlite3';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildErrorPackage } from '../src/collector/index.js';
import { fetchHandler, pgDatabase, redisHandler, sqlHandler, sqliteDatabase } from '../src/handlers/index.js';
import {
  createRuntime,
  defineProgram,
  effectError,
  fail,
  http as httpCall,
  jsonBody,
  pipeline,
  query,
  redis,
  toTrace,
} from '../src/index.js';

/** Reads a row, bumps a Redis counter, posts to a service; fails when the service says no. */
const syncAccount = defineProgram({ name: 'sync-account' }, (input: { id: number; endpoint: string }) =>
  pipeline({ input })
    .step('account', ({ input }) =>
      query<{ id: number; email: string }>('select id, email from accounts where id = $1', [input.id]),
    )
    .step('attempts', ({ input }) => redis<number>('INCR', `effects-test:attempts:${input.id}`))
    .step('reply', ({ input, account }) =>
      httpCall({
        method: 'POST',
        url: `${input.endpoint}/v1/syncs`,
        body: { email: account.rows[0]?.email },
      }),
    )
    .andThen(({ reply, attempts }) =>
      reply.status < 300
        ? pipeline({}).return(() => ({ attempts, synced: jsonBody(reply) }))
        : fail(effectError('SyncRejected', `the service rejected the sync: ${reply.body}`)),
    ),
);

let server: http.Server;
let endpoint: string;
let pool: pg.Pool;
let redisClient: Redis;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const email = JSON.parse(body).email as string | undefined;
      res.setHeader('content-type', 'application/json');
      if (email?.endsWith('@blocked.test')) {
        res.statusCode = 422;
        res.end(
          JSON.stringify({
            error: { code: 'blocked_domain', message: 'Domain blocked.test is not allowed' },
          }),
        );
      } else res.end(JSON.stringify({ id: 'sync_1', email }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  pool = new pg.Pool({ connectionString: await createDatabase(inject('postgresUrl')) });
  await pool.query('create table accounts (id int primary key, email text not null)');
  await pool.query("insert into accounts values (1, 'ada@example.test'), (2, 'eve@blocked.test')");
  redisClient = new Redis(inject('redisUrl'));
});

afterAll(async () => {
  await pool?.end();
  redisClient?.disconnect();
  await new Promise((resolve) => server?.close(resolve));
});

describe('pg, ioredis and fetch handlers', () => {
  const runtime = () =>
    createRuntime({
      handlers: [sqlHandler(pgDatabase(pool)), redisHandler(redisClient), fetchHandler()],
      tracer: false,
      service: { name: 'accounts', version: '1.0.0' },
    });

  it('perform real queries, commands and requests', async () => {
    await redisClient.del('effects-test:attempts:1');
    const execution = await runtime().run(syncAccount, { id: 1, endpoint });
    expect(execution.outcome).toEqual({
      ok: true,
      value: { attempts: 1, synced: { id: 'sync_1', email: 'ada@example.test' } },
    });
  });

  it('turn a failed execution into a valid error package with db, redis and http events', async () => {
    const execution = await runtime().run(syncAccount, { id: 2, endpoint });
    expect(execution.outcome.ok).toBe(false);
    const pkg = buildErrorPackage(toTrace(execution));

    const validation = validatePackage(pkg);
    expect(validation.ok ? [] : validation.errors).toEqual([]);
    if (!pkg) return;
    expect(pkg.error).toMatchObject({ type: 'SyncRejected' });
    expect(pkg.error.frames.find((f) => f.inApp)?.module).toContain('real-handlers.test.ts');
    expect(pkg.trigger).toMatchObject({ kind: 'job', name: 'sync-account', payload: { id: 2, endpoint } });
    const [db, redisEvent, httpEvent] = pkg.timeline as [DbEvent, RedisEvent, HttpEvent];
    expect(db).toMatchObject({
      type: 'db',
      system: 'postgresql',
      statement: 'select id, email from accounts where id = $1',
      params: [2],
      fields: [
        { name: 'id', dataTypeId: 23 },
        { name: 'email', dataTypeId: 25 },
      ],
      rows: [[2, 'eve@blocked.test']],
      rowCount: 1,
    });
    expect(db.database).toMatch(/^postgresql:\/\/.*:\d+\/test_/);
    expect(redisEvent).toMatchObject({
      type: 'redis',
      client: 'ioredis',
      command: 'INCR',
      args: ['effects-test:attempts:2'],
    });
    expect(typeof redisEvent.reply).toBe('number');
    expect(httpEvent).toMatchObject({
      type: 'http',
      method: 'POST',
      url: `${endpoint}/v1/syncs`,
      status: 422,
    });
    expect(httpEvent.responseBody?.data).toContain('blocked_domain');
    expect(httpEvent.requestBody).toMatchObject({
      contentType: 'application/json',
      data: '{"email":"eve@blocked.test"}',
    });
  });

  it('record a refused connection as a failed http command with its code', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadEndpoint = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((resolve) => closed.close(resolve));

    const execution = await runtime().run(syncAccount, { id: 1, endpoint: deadEndpoint });
    expect(execution.outcome).toMatchObject({
      ok: false,
      error: { type: 'HttpRequestError', code: 'ECONNREFUSED' },
    });
    const pkg = buildErrorPackage(toTrace(execution));
    expect(pkg?.timeline[2]).toMatchObject({
      type: 'http',
      outcome: 'error',
      error: { code: 'ECONNREFUSED' },
    });
    expect(validatePackage(pkg).ok).toBe(true);
  });
});

describe('better-sqlite3 handler', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'effects-sqlite-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs synchronously on a file, reads and writes, and maps to sqlite db events', () => {
    const file = path.join(dir, 'shop.db');
    const db = new Database(file);
    db.exec('create table items (sku text primary key, stock integer not null)');
    db.prepare("insert into items values ('MUG', 3)").run();
    const program = defineProgram({ name: 'take-one' }, (sku: string) =>
      pipeline({ sku })
        .step('item', ({ sku }) =>
          query<{ sku: string; stock: number }>('select sku, stock from items where sku = ?', [sku]),
        )
        .step('update', ({ item, sku }) =>
          query('update items set stock = ? where sku = ?', [(item.rows[0]?.stock ?? 0) - 1, sku]),
        )
        .step('after', ({ sku }) => query<{ stock: number }>('select stock from items where sku = ?', [sku]))
        .andThen(({ after }) => fail(effectError('Audit', `stock now ${after.rows[0]?.stock}`))),
    );

    const execution = createRuntime({ handlers: [sqlHandler(sqliteDatabase(db))], tracer: false }).runSync(
      program,
      'MUG',
    );
    db.close();

    expect(execution.outcome).toMatchObject({ ok: false, error: { message: 'stock now 2' } });
    const pkg = buildErrorPackage(toTrace(execution));
    expect(validatePackage(pkg).ok).toBe(true);
    expect(pkg?.timeline[0]).toMatchObject({
      type: 'db',
      system: 'sqlite',
      database: file,
      fields: [
        { name: 'sku', type: 'TEXT', table: 'items', column: 'sku' },
        { name: 'stock', type: 'INTEGER' },
      ],
      rows: [['MUG', 3]],
    });
    expect(pkg?.timeline[1]).toMatchObject({ type: 'db', command: 'UPDATE', changes: 1 });
  });
});
