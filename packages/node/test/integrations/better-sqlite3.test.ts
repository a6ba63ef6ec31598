import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getRequestContext } from '../../src/context/request-context.js';
import { uninstallModuleHooks } from '../../src/instrument/module-hook.js';
import { unwrapAll } from '../../src/instrument/wrap.js';
import { betterSqlite3Integration } from '../../src/integrations/better-sqlite3/index.js';
import type { IntegrationSetup } from '../../src/integrations/types.js';
import { barrier, dbEvents, inRequest, onlyDbEvent, setUpDbIntegration } from './support/db-capture.js';

const SCHEMA = `
CREATE TABLE users (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  email TEXT NOT NULL UNIQUE,
  name VARCHAR(80),
  balance NUMERIC(10, 2) DEFAULT 0 CHECK (balance >= 0)
);
CREATE INDEX users_name_idx ON users (name);
CREATE TABLE orders (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  total REAL NOT NULL,
  note BLOB
);
CREATE TRIGGER orders_total_check BEFORE INSERT ON orders WHEN NEW.total < 0
BEGIN SELECT RAISE(ABORT, 'negative total'); END;
INSERT INTO users (email, name, balance) VALUES ('ada@example.com', 'Ada', 10.5), ('bob@example.com', 'Bob', 0);
INSERT INTO orders (id, user_id, total, note) VALUES (1, 1, 25.5, x'00ff'), (2, 1, 7, NULL), (3, 2, 3.25, NULL);
`;

let dir: string;
let file: string;
let db: Database.Database;
let setup: IntegrationSetup;

beforeAll(() => {
  setup = setUpDbIntegration(betterSqlite3Integration(), 2);
  dir = mkdtempSync(join(tmpdir(), 'flashback-sqlite-'));
  file = join(dir, 'app.db');
  // Opened by a relative path: the event must still carry the absolute one.
  db = new Database(relative(process.cwd(), file));
  db.exec(SCHEMA);
});

beforeEach(() => {
  db.exec('DELETE FROM orders WHERE id > 3; DELETE FROM users WHERE id > 2');
});

afterAll(() => {
  db?.close();
  unwrapAll();
  uninstallModuleHooks();
  rmSync(dir, { recursive: true, force: true });
});

describe('better-sqlite3 integration', () => {
  it('records all() with positional params, source columns, rows in column order and the absolute file path', async () => {
    const { result, context } = await inRequest(() =>
      db
        .prepare(
          'SELECT o.id, o.total, u.email, o.total * 2 AS doubled FROM orders o JOIN users u ON u.id = o.user_id WHERE u.id = ? ORDER BY o.id',
        )
        .all(1),
    );
    expect(result).toEqual([
      { id: 1, total: 25.5, email: 'ada@example.com', doubled: 51 },
      { id: 2, total: 7, email: 'ada@example.com', doubled: 14 },
    ]);
    const event = onlyDbEvent(context);
    expect(event).toMatchObject({
      type: 'db',
      system: 'sqlite',
      database: file,
      operation: 'all',
      statement: expect.stringContaining('FROM orders o JOIN users u'),
      params: [1],
      outcome: 'ok',
      rowCount: 2,
      rows: [
        [1, 25.5, 'ada@example.com', 51],
        [2, 7, 'ada@example.com', 14],
      ],
    });
    expect(event.fields).toEqual([
      { name: 'id', column: 'id', table: 'orders', type: 'INTEGER' },
      { name: 'total', column: 'total', table: 'orders', type: 'REAL' },
      { name: 'email', column: 'email', table: 'users', type: 'TEXT' },
      { name: 'doubled' },
    ]);
  });

  it('caps rows at maxRows and says how many there were', async () => {
    const { context } = await inRequest(() => db.prepare('SELECT id FROM orders ORDER BY id').all());
    const event = onlyDbEvent(context);
    expect(event.rows).toEqual([[1], [2]]);
    expect(event.truncated).toEqual({ rows: 3 });
    expect(event.rowCount).toBe(3);
  });

  it('records get() with named params, and a get() that finds nothing', async () => {
    const statement = db.prepare('SELECT id, name FROM users WHERE email = @email');
    const { result, context } = await inRequest(() => [
      statement.get({ email: 'bob@example.com' }),
      statement.get({ email: 'nobody@example.com' }),
    ]);
    expect(result).toEqual([{ id: 2, name: 'Bob' }, undefined]);
    const [found, missing] = dbEvents(context.timeline());
    expect(found).toMatchObject({
      operation: 'get',
      params: { email: 'bob@example.com' },
      rows: [[2, 'Bob']],
      rowCount: 1,
    });
    expect(missing).toMatchObject({
      operation: 'get',
      params: { email: 'nobody@example.com' },
      rows: [],
      rowCount: 0,
    });
  });

  it('records run() with changes and lastInsertRowid, as a bigint under safeIntegers', async () => {
    const { result, context } = await inRequest(() => {
      const plain = db.prepare('INSERT INTO users (email, name) VALUES (?, ?)').run('cy@example.com', 'Cy');
      const big = db
        .prepare('INSERT INTO orders (user_id, total) VALUES (?, ?)')
        .safeIntegers()
        .run([1, 1.5]);
      return { plain, big };
    });
    expect(typeof result.plain.lastInsertRowid).toBe('number');
    expect(typeof result.big.lastInsertRowid).toBe('bigint');
    const [plain, big] = dbEvents(context.timeline());
    expect(plain).toMatchObject({
      operation: 'run',
      params: ['cy@example.com', 'Cy'],
      changes: 1,
      lastInsertRowid: result.plain.lastInsertRowid,
    });
    expect(big).toMatchObject({
      operation: 'run',
      params: [1, 1.5],
      changes: 1,
      lastInsertRowid: { $fb: 'bigint', v: String(result.big.lastInsertRowid) },
    });
  });

  it('records params bound with bind() and binary values', async () => {
    const statement = db
      .prepare('SELECT id, note FROM orders WHERE id = ? AND note = ?')
      .bind(1, Buffer.from([0, 255]));
    const { result, context } = await inRequest(() => statement.get());
    expect(result).toEqual({ id: 1, note: Buffer.from([0, 255]) });
    const bytes = { $fb: 'bytes', base64: 'AP8=', size: 2 };
    expect(onlyDbEvent(context)).toMatchObject({ params: [1, bytes], rows: [[1, bytes]] });
  });

  it('records rows in raw, pluck and expand modes, and after switching back', async () => {
    const statement = db.prepare('SELECT u.id, u.name, length(u.email) AS len FROM users u WHERE u.id = 1');
    const { result, context } = await inRequest(() => [
      statement.raw().get(),
      statement.pluck().get(),
      statement.expand().get(),
      statement.expand(false).get(),
      statement.raw(true).raw(false).get(),
    ]);
    expect(result).toEqual([
      [1, 'Ada', 15],
      1,
      { users: { id: 1, name: 'Ada' }, $: { len: 15 } },
      { id: 1, name: 'Ada', len: 15 },
      { id: 1, name: 'Ada', len: 15 },
    ]);
    const events = dbEvents(context.timeline());
    expect(events.map((e) => e.rows)).toEqual([
      [[1, 'Ada', 15]],
      [[1]],
      [[1, 'Ada', 15]],
      [[1, 'Ada', 15]],
      [[1, 'Ada', 15]],
    ]);
    expect(events[1]?.fields).toEqual([{ name: 'id', column: 'id', table: 'users', type: 'INTEGER' }]);
    expect(events[2]?.fields?.map((f) => f.name)).toEqual(['id', 'name', 'len']);
  });

  it('records iterate() when the loop ends, when it breaks, and leaves an abandoned iterator pending', async () => {
    const statement = db.prepare('SELECT id FROM orders ORDER BY id');
    const { result, context } = await inRequest(() => {
      const all: unknown[] = [];
      for (const row of statement.iterate()) all.push(row);
      const first: unknown[] = [];
      for (const row of statement.iterate()) {
        first.push(row);
        break;
      }
      const abandoned = statement.iterate();
      abandoned.next();
      const stillPending = dbEvents(getRequestContext()?.timeline() ?? []).at(-1)?.outcome;
      abandoned.return?.();
      return { all, first, stillPending };
    });
    expect(result.all).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
    expect(result.first).toEqual([{ id: 1 }]);
    expect(result.stillPending).toBe('pending');
    const events = dbEvents(context.timeline());
    expect(events.map((e) => [e.operation, e.outcome, e.rows, e.rowCount, e.truncated])).toEqual([
      ['iterate', 'ok', [[1], [2]], 3, { rows: 3 }],
      ['iterate', 'ok', [[1]], 1, undefined],
      ['iterate', 'ok', [[1]], 1, undefined],
    ]);
  });

  it('records exec() and its errors', async () => {
    const { context } = await inRequest(() => {
      db.exec("UPDATE users SET name = 'Ada L.' WHERE id = 1; UPDATE users SET name = 'Ada' WHERE id = 1");
      expect(() => db.exec('UPDATE nope SET x = 1')).toThrow(/no such table: nope/);
    });
    const [ok, failed] = dbEvents(context.timeline());
    expect(ok).toMatchObject({
      operation: 'exec',
      statement: expect.stringContaining("SET name = 'Ada L.'"),
      params: [],
      outcome: 'ok',
    });
    expect(failed).toMatchObject({
      operation: 'exec',
      outcome: 'error',
      error: { code: 'SQLITE_ERROR', name: 'SqliteError' },
    });
  });

  it('records a unique violation with its SQLite code and rethrows the same error', async () => {
    const insert = db.prepare('INSERT INTO users (email) VALUES (?)');
    let thrown: unknown;
    const { context } = await inRequest(() => {
      try {
        insert.run('ada@example.com');
      } catch (error) {
        thrown = error;
      }
    });
    expect(thrown).toBeInstanceOf(Database.SqliteError);
    expect((thrown as { code: string }).code).toBe('SQLITE_CONSTRAINT_UNIQUE');
    expect(onlyDbEvent(context)).toMatchObject({
      operation: 'run',
      outcome: 'error',
      error: { code: 'SQLITE_CONSTRAINT_UNIQUE', message: 'UNIQUE constraint failed: users.email' },
    });
  });

  it('records a statement SQLite refuses to prepare', async () => {
    const { context } = await inRequest(() => {
      expect(() => db.prepare('SELECT * FROM missing_table')).toThrow(/no such table/);
    });
    expect(onlyDbEvent(context)).toMatchObject({
      operation: 'prepare',
      statement: 'SELECT * FROM missing_table',
      outcome: 'error',
      error: { code: 'SQLITE_ERROR' },
    });
  });

  it('records the statements of a transaction between BEGIN and COMMIT, and ROLLBACK when it throws', async () => {
    const addOrder = db.prepare('INSERT INTO orders (user_id, total) VALUES (?, ?)');
    const transfer = db.transaction((userId: number, total: number) => {
      addOrder.run(userId, total);
      addOrder.run(userId, -total);
    });
    const { context } = await inRequest(() => {
      db.transaction(() => addOrder.run(2, 1))();
      expect(() => transfer(2, 5)).toThrow(/negative total/);
    });
    expect(dbEvents(context.timeline()).map((e) => [e.statement, e.outcome])).toEqual([
      ['BEGIN', 'ok'],
      ['INSERT INTO orders (user_id, total) VALUES (?, ?)', 'ok'],
      ['COMMIT', 'ok'],
      ['BEGIN', 'ok'],
      ['INSERT INTO orders (user_id, total) VALUES (?, ?)', 'ok'],
      ['INSERT INTO orders (user_id, total) VALUES (?, ?)', 'error'],
      ['ROLLBACK', 'ok'],
    ]);
    expect(db.prepare('SELECT count(*) FROM orders').pluck().get()).toBe(4);
  });

  it('records nothing outside a request', async () => {
    db.prepare('SELECT * FROM users').all();
    db.exec('SELECT 1');
    const { context } = await inRequest(() => db.prepare('SELECT 2').get());
    expect(dbEvents(context.timeline()).map((e) => e.statement)).toEqual(['SELECT 2']);
  });

  it('keeps two interleaved requests apart', async () => {
    const meet = barrier(2);
    const request = (id: number) =>
      inRequest(async () => {
        db.prepare('SELECT name FROM users WHERE id = ?').get(id);
        await meet();
        db.prepare('SELECT total FROM orders WHERE user_id = ?').all(id);
      });
    const [a, b] = await Promise.all([request(1), request(2)]);
    expect(dbEvents(a.context.timeline()).map((e) => e.params)).toEqual([[1], [1]]);
    expect(dbEvents(b.context.timeline()).map((e) => e.params)).toEqual([[2], [2]]);
  });

  it('returns the same results with and without recording', async () => {
    const run = () => {
      const s = db.prepare(
        'SELECT u.id, u.email, o.total FROM users u LEFT JOIN orders o ON o.user_id = u.id ORDER BY 1, 3',
      );
      return {
        all: s.all(),
        raw: s.raw().all(),
        iterated: [...s.raw(false).iterate()],
        pluck: db.prepare('SELECT email FROM users ORDER BY id').pluck().all(),
        count: db.prepare('SELECT count(*) AS n FROM users').get(),
      };
    };
    const outside = run();
    const { result: inside, context } = await inRequest(run);
    expect(inside).toEqual(outside);
    expect(dbEvents(context.timeline())).toHaveLength(5);
  });

  it('reads the DDL of touched tables, with indexes and triggers, without recording the read', async () => {
    const { context } = await inRequest(() =>
      db.prepare('SELECT * FROM orders JOIN users ON users.id = orders.user_id').all(),
    );
    const schemas = await setup.schemas.collect(context.timeline(), 5000);
    expect(schemas).toHaveLength(1);
    expect(schemas[0]?.system).toBe('sqlite');
    expect(schemas[0]?.database).toBe(file);
    const tables = new Map(schemas[0]?.tables.map((t) => [t.name, t.ddl]));
    expect([...tables.keys()].sort()).toEqual(['orders', 'users']);
    expect(tables.get('orders')).toContain('CREATE TRIGGER orders_total_check');
    expect(tables.get('users')).toContain('CREATE INDEX users_name_idx');
    expect(dbEvents(context.timeline())).toHaveLength(1);

    const fresh = new Database(':memory:');
    try {
      fresh.exec(`${tables.get('users')}\n${tables.get('orders')}`);
      for (const table of ['users', 'orders']) {
        expect(fresh.pragma(`table_xinfo(${table})`)).toEqual(db.pragma(`table_xinfo(${table})`));
        expect(fresh.pragma(`index_list(${table})`)).toEqual(db.pragma(`index_list(${table})`));
        expect(fresh.pragma(`foreign_key_list(${table})`)).toEqual(db.pragma(`foreign_key_list(${table})`));
      }
    } finally {
      fresh.close();
    }
  });

  it('keys in-memory databases as :memory:', async () => {
    const memory = new Database(':memory:');
    try {
      const { context } = await inRequest(() => memory.prepare('SELECT 1 AS one').get());
      expect(onlyDbEvent(context)).toMatchObject({
        database: ':memory:',
        rows: [[1]],
        fields: [{ name: 'one' }],
      });
    } finally {
      memory.close();
    }
  });
});
