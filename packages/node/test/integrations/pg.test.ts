import type { DbEvent } from '@flashback/protocol/types';
import { createDatabase } from '@flashback-dev/test-harness';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { uninstallModuleHooks } from '../../src/instrument/module-hook.js';
import { unwrapAll } from '../../src/instrument/wrap.js';
import { pgIntegration } from '../../src/integrations/pg/index.js';
import { pgDatabaseOf } from '../../src/integrations/pg/pg-databases.js';
import type { PgClient, PgClientConstructor } from '../../src/integrations/pg/types.js';
import type { IntegrationSetup } from '../../src/integrations/types.js';
import { barrier, dbEvents, inRequest, onlyDbEvent, setUpDbIntegration } from './support/db-capture.js';

const SCHEMA = `
CREATE TABLE users (
  id serial PRIMARY KEY,
  email text NOT NULL UNIQUE,
  name varchar(80),
  balance numeric(10, 2) NOT NULL DEFAULT 0 CHECK (balance >= 0),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE orders (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  total numeric(12, 2) NOT NULL,
  status text NOT NULL DEFAULT 'new' COLLATE "C",
  tags text[],
  total_cents bigint GENERATED ALWAYS AS ((total * 100)::bigint) STORED,
  CONSTRAINT orders_status_check CHECK (status IN ('new', 'paid', 'shipped'))
);
CREATE INDEX orders_user_idx ON orders (user_id);
CREATE UNIQUE INDEX orders_paid_once ON orders (user_id) WHERE status = 'paid';
CREATE SCHEMA audit;
CREATE TABLE audit."Log Entries" (id int PRIMARY KEY, "Message" text);
INSERT INTO users (email, name, balance, created_at) VALUES
  ('ada@example.com', 'Ada', 10.50, '2024-01-02T03:04:05Z'),
  ('bob@example.com', 'Bob', 0, '2024-02-03T04:05:06Z');
INSERT INTO orders (user_id, total, status, tags) VALUES (1, 25.50, 'paid', '{gift}'), (1, 7, 'new', NULL), (2, 3.25, 'new', NULL);
INSERT INTO audit."Log Entries" VALUES (1, 'hello');
`;

let url: string;
let client: pg.Client;
let pool: pg.Pool;
let setup: IntegrationSetup;
const opened: { end(): Promise<void> }[] = [];

async function connect(): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  opened.push(c);
  return c;
}

beforeAll(async () => {
  url = await createDatabase(inject('postgresUrl'));
  // pg is already loaded (imported above): setting up must patch the loaded copy.
  setup = setUpDbIntegration(pgIntegration(), 2);
  client = await connect();
  await client.query(SCHEMA);
  pool = new pg.Pool({ connectionString: url, max: 1 });
  opened.push(pool);
});

afterAll(async () => {
  await Promise.all(opened.map((c) => c.end().catch(() => undefined)));
  unwrapAll();
  uninstallModuleHooks();
});

function databaseKey(): string {
  const parsed = new URL(url);
  return `postgresql://${parsed.username}@${parsed.hostname}:${parsed.port}${parsed.pathname}`;
}

/** Table and column names arrive from a catalog lookup after the query; wait for them. */
async function named(event: DbEvent): Promise<DbEvent> {
  await vi.waitFor(() => {
    for (const field of event.fields ?? [])
      if (field.tableId !== undefined) expect(field.column).toBeDefined();
  });
  return event;
}

describe('pg integration', () => {
  it('records a parameterised query: statement, params, fields with source table and column, rows, rowCount', async () => {
    const text =
      'SELECT u.id, u.email, u.balance, u.created_at, o.total, 1 + 1 AS two FROM users u JOIN orders o ON o.user_id = u.id WHERE u.id = $1 ORDER BY o.id';
    const { result, context } = await inRequest(() => client.query(text, [1]));
    expect(result.rows).toHaveLength(2);
    const event = await named(onlyDbEvent(context));
    expect(event).toMatchObject({
      type: 'db',
      system: 'postgresql',
      database: databaseKey(),
      operation: 'query',
      statement: text,
      params: [1],
      command: 'SELECT',
      rowCount: 2,
      outcome: 'ok',
      rows: [
        [1, 'ada@example.com', '10.50', { $fb: 'date', iso: '2024-01-02T03:04:05.000Z' }, '25.50', 2],
        [1, 'ada@example.com', '10.50', { $fb: 'date', iso: '2024-01-02T03:04:05.000Z' }, '7.00', 2],
      ],
    });
    expect(event.database).not.toContain('password');
    expect(event.fields).toEqual([
      { name: 'id', dataTypeId: 23, tableId: expect.any(Number), columnId: 1, table: 'users', column: 'id' },
      {
        name: 'email',
        dataTypeId: 25,
        tableId: expect.any(Number),
        columnId: 2,
        table: 'users',
        column: 'email',
      },
      {
        name: 'balance',
        dataTypeId: 1700,
        tableId: expect.any(Number),
        columnId: 4,
        table: 'users',
        column: 'balance',
      },
      {
        name: 'created_at',
        dataTypeId: 1184,
        tableId: expect.any(Number),
        columnId: 5,
        table: 'users',
        column: 'created_at',
      },
      {
        name: 'total',
        dataTypeId: 1700,
        tableId: expect.any(Number),
        columnId: 3,
        table: 'orders',
        column: 'total',
      },
      { name: 'two', dataTypeId: 23 },
    ]);
  });

  it('caps rows at maxRows and says how many there were', async () => {
    const { context } = await inRequest(() => client.query('SELECT id FROM orders ORDER BY id'));
    const event = onlyDbEvent(context);
    expect(event.rows).toEqual([['1'], ['2']]);
    expect(event.truncated).toEqual({ rows: 3 });
    expect(event.rowCount).toBe(3);
  });

  it('keeps callback style: same arguments to the callback, undefined returned', async () => {
    const { result, context } = await inRequest(
      () =>
        new Promise<{ returned: unknown; err: unknown; rows: unknown }>((resolve) => {
          const returned = client.query('SELECT name FROM users WHERE id = $1', [2], (err, res) =>
            resolve({ returned, err, rows: res?.rows }),
          );
        }),
    );
    expect(result).toEqual({ returned: undefined, err: null, rows: [{ name: 'Bob' }] });
    expect(onlyDbEvent(context)).toMatchObject({ params: [2], rows: [['Bob']], outcome: 'ok' });

    const noValues = await inRequest(
      () => new Promise((resolve) => client.query('SELECT 42 AS answer', (_err, res) => resolve(res.rows))),
    );
    expect(noValues.result).toEqual([{ answer: 42 }]);
    expect(onlyDbEvent(noValues.context)).toMatchObject({
      statement: 'SELECT 42 AS answer',
      params: [],
      rows: [[42]],
    });
  });

  it('records config objects with rowMode array, and a named statement run again by name alone', async () => {
    const { result, context } = await inRequest(async () => {
      const first = await client.query({
        name: 'user-by-email',
        text: 'SELECT id, name FROM users WHERE email = $1',
        values: ['ada@example.com'],
        rowMode: 'array',
      });
      // pg runs a statement it has prepared by name alone; its types insist on `text`.
      const again = await client.query({
        name: 'user-by-email',
        values: ['bob@example.com'],
      } as pg.QueryConfig);
      return [first.rows, again.rows];
    });
    expect(result).toEqual([[[1, 'Ada']], [{ id: 2, name: 'Bob' }]]);
    const [first, again] = dbEvents(context.timeline());
    expect(first).toMatchObject({ params: ['ada@example.com'], rows: [[1, 'Ada']] });
    expect(again).toMatchObject({
      statement: 'SELECT id, name FROM users WHERE email = $1',
      params: ['bob@example.com'],
      rows: [[2, 'Bob']],
    });
  });

  it('records a multi-statement query as one event describing the statement that returned rows', async () => {
    const { result, context } = await inRequest(() =>
      client.query(
        "BEGIN; UPDATE users SET name = 'Ada' WHERE id = 1; SELECT name FROM users WHERE id = 1; COMMIT",
      ),
    );
    expect(Array.isArray(result)).toBe(true);
    expect(onlyDbEvent(context)).toMatchObject({
      command: 'SELECT',
      rowCount: 1,
      rows: [['Ada']],
      fields: [{ name: 'name' }],
    });
  });

  it('records a unique violation with its SQLSTATE; the promise rejects with the same error', async () => {
    const { result: caught, context } = await inRequest(() =>
      client
        .query('INSERT INTO users (email) VALUES ($1)', ['ada@example.com'])
        .catch((error: unknown) => error),
    );
    expect(caught).toBeInstanceOf(pg.DatabaseError);
    expect((caught as pg.DatabaseError).code).toBe('23505');
    expect(onlyDbEvent(context)).toMatchObject({
      outcome: 'error',
      error: { code: '23505', message: expect.stringContaining('users_email_key') },
    });

    const viaCallback = await inRequest(
      () => new Promise((resolve) => client.query('SELECT nope FROM users', (err) => resolve(err))),
    );
    expect((viaCallback.result as pg.DatabaseError).code).toBe('42703');
    expect(onlyDbEvent(viaCallback.context)).toMatchObject({ outcome: 'error', error: { code: '42703' } });
  });

  it('records the client-side query_timeout as a timeout', async () => {
    const slow = await connect();
    const { result, context } = await inRequest(() =>
      slow
        .query({ text: 'SELECT pg_sleep(5)', query_timeout: 50 } as pg.QueryConfig)
        .catch((error: Error) => error.message),
    );
    expect(result).toBe('Query read timeout');
    expect(onlyDbEvent(context)).toMatchObject({
      outcome: 'timeout',
      error: { message: 'Query read timeout' },
    });
  });

  it('records a pg.Query object without changing its events', async () => {
    const { result, context } = await inRequest(
      () =>
        new Promise<{ rows: unknown[]; ended: boolean }>((resolve, reject) => {
          const rows: unknown[] = [];
          const query = client.query(new pg.Query('SELECT id, email FROM users ORDER BY id'));
          query.on('row', (row: unknown) => rows.push(row));
          query.on('error', reject);
          query.on('end', () => resolve({ rows, ended: true }));
        }),
    );
    expect(result).toEqual({
      rows: [
        { id: 1, email: 'ada@example.com' },
        { id: 2, email: 'bob@example.com' },
      ],
      ended: true,
    });
    const event = await named(onlyDbEvent(context));
    expect(event).toMatchObject({
      command: 'SELECT',
      rowCount: 2,
      rows: [
        [1, 'ada@example.com'],
        [2, 'bob@example.com'],
      ],
      fields: [
        { name: 'id', table: 'users', column: 'id' },
        { name: 'email', table: 'users', column: 'email' },
      ],
    });

    const failing = await inRequest(
      () =>
        new Promise((resolve) => {
          client
            .query(new pg.Query('SELECT * FROM missing_table'))
            .on('error', (error: Error) => resolve((error as pg.DatabaseError).code));
        }),
    );
    expect(failing.result).toBe('42P01');
    expect(onlyDbEvent(failing.context)).toMatchObject({ outcome: 'error', error: { code: '42P01' } });
  });

  it('records pool.query (promise and callback) and checked-out clients', async () => {
    const { result, context } = await inRequest(async () => {
      const viaPromise = await pool.query('SELECT count(*)::int AS n FROM users');
      const viaCallback = await new Promise((resolve, reject) =>
        pool.query('SELECT email FROM users WHERE id = $1', [1], (err, res) =>
          err ? reject(err) : resolve(res.rows),
        ),
      );
      const checkedOut = await pool.connect();
      try {
        await checkedOut.query('SELECT 1 AS one');
      } finally {
        checkedOut.release();
      }
      return [viaPromise.rows, viaCallback];
    });
    expect(result).toEqual([[{ n: 2 }], [{ email: 'ada@example.com' }]]);
    expect(dbEvents(context.timeline()).map((e) => [e.statement, e.rows])).toEqual([
      ['SELECT count(*)::int AS n FROM users', [[2]]],
      ['SELECT email FROM users WHERE id = $1', [['ada@example.com']]],
      ['SELECT 1 AS one', [[1]]],
    ]);
  });

  it('keeps two concurrent requests apart, on one client and on a one-connection pool', async () => {
    const meet = barrier(2);
    const request = (id: number) =>
      inRequest(async () => {
        await meet();
        // Both queue behind each other: on the shared client, and for the pool's only connection.
        await Promise.all([
          client.query('SELECT $1::int AS id', [id]),
          new Promise((resolve, reject) =>
            pool.query('SELECT $1::int AS pooled', [id], (err, res) => (err ? reject(err) : resolve(res))),
          ),
          pool.query('SELECT $1::int AS pooled_promise', [id]),
        ]);
      });
    const [a, b] = await Promise.all([request(1), request(2)]);
    for (const [{ context }, id] of [
      [a, 1],
      [b, 2],
    ] as const) {
      const events = dbEvents(context.timeline());
      expect(events).toHaveLength(3);
      expect(events.map((e) => e.params)).toEqual([[id], [id], [id]]);
      expect(events.map((e) => e.rows)).toEqual([[[id]], [[id]], [[id]]]);
    }
  });

  it('records nothing outside a request, and never its own catalog reads', async () => {
    await client.query('SELECT * FROM users');
    const { context } = await inRequest(() => client.query('SELECT * FROM orders'));
    await setup.schemas.collect(context.timeline(), 5000);
    await named(onlyDbEvent(context));
    expect(dbEvents(context.timeline()).map((e) => e.statement)).toEqual(['SELECT * FROM orders']);
  });

  it('returns the same results with and without recording', async () => {
    const run = async () => {
      const plain = await client.query('SELECT * FROM orders ORDER BY id');
      const arrays = await client.query({
        text: 'SELECT id, tags FROM orders ORDER BY id',
        rowMode: 'array',
      });
      const multi = (await client.query('SELECT 1 AS a; SELECT 2 AS b')) as unknown as pg.QueryResult[];
      const strip = (r: pg.QueryResult) => ({
        command: r.command,
        rowCount: r.rowCount,
        rows: r.rows,
        fields: r.fields,
      });
      return [strip(plain), strip(arrays), ...multi.map(strip)];
    };
    const outside = await run();
    const { result: inside, context } = await inRequest(run);
    expect(inside).toEqual(outside);
    expect(dbEvents(context.timeline())).toHaveLength(3);
  });

  it('reads DDL that recreates the touched tables in a fresh database', async () => {
    const { context } = await inRequest(() =>
      client.query(
        'SELECT * FROM users u JOIN orders o ON o.user_id = u.id JOIN audit."Log Entries" l ON l.id = u.id',
      ),
    );
    const [schema] = await setup.schemas.collect(context.timeline(), 10_000);
    expect(schema).toMatchObject({ system: 'postgresql', database: databaseKey() });
    const ddl = new Map(schema?.tables.map((t) => [t.name, t.ddl]));
    expect([...ddl.keys()].sort()).toEqual(['orders', 'users']);
    // The registry matches tables to statements by name, which a quoted schema-qualified name
    // does not literally appear as; read that one through the database's reader directly.
    const reader = pgDatabaseOf(
      client as unknown as PgClient,
      pg.Client as unknown as PgClientConstructor,
    )?.reader;
    const [logEntries] = (await reader?.(['audit.Log Entries'])) ?? [];
    expect(logEntries?.ddl).toContain('CREATE SCHEMA IF NOT EXISTS audit;');
    expect(logEntries?.ddl).toContain('CREATE TABLE audit."Log Entries" (');
    ddl.set('audit.Log Entries', logEntries?.ddl ?? '');
    expect(ddl.get('users')).toContain('CREATE SEQUENCE IF NOT EXISTS users_id_seq');
    expect(ddl.get('orders')).toContain('FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE');
    expect(ddl.get('orders')).toContain(
      'CREATE INDEX orders_user_idx ON public.orders USING btree (user_id)',
    );

    const fresh = new pg.Client({ connectionString: await createDatabase(inject('postgresUrl')) });
    await fresh.connect();
    try {
      await fresh.query([ddl.get('users'), ddl.get('orders'), ddl.get('audit.Log Entries')].join('\n'));
      for (const query of [COLUMNS_QUERY, CONSTRAINTS_QUERY, INDEXES_QUERY]) {
        const expected = await client.query(query);
        const actual = await fresh.query(query);
        expect(actual.rows).toEqual(expected.rows);
        expect(actual.rows.length).toBeGreaterThan(0);
      }
    } finally {
      await fresh.end();
    }
  });
});

const COLUMNS_QUERY = `SELECT table_schema, table_name, column_name, ordinal_position, data_type, character_maximum_length,
  numeric_precision, numeric_scale, is_nullable, column_default, is_identity, identity_generation, is_generated,
  generation_expression, collation_name
FROM information_schema.columns WHERE table_schema IN ('public', 'audit') ORDER BY 1, 2, 4`;

const CONSTRAINTS_QUERY = `SELECT conrelid::regclass::text AS table_name, conname, contype, pg_get_constraintdef(oid) AS definition
FROM pg_constraint WHERE connamespace IN ('public'::regnamespace, 'audit'::regnamespace) ORDER BY 1, 2`;

const INDEXES_QUERY = `SELECT schemaname, tablename, indexname, indexdef FROM pg_indexes
WHERE schemaname IN ('public', 'audit') ORDER BY 1, 2, 3`;
