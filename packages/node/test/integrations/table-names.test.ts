import { describe, expect, it } from 'vitest';
import { extractTableNames } from '../../src/integrations/sql/table-names.js';

function names(sql: string): string[] {
  return extractTableNames(sql).map((ref) =>
    ref.schema === undefined ? ref.name : `${ref.schema}.${ref.name}`,
  );
}

describe('extractTableNames', () => {
  it.each([
    ['SELECT * FROM users WHERE id = $1', ['users']],
    ['select u.id from Users u join orders o on o.user_id = u.id', ['users', 'orders']],
    ['SELECT * FROM a LEFT OUTER JOIN b ON a.id = b.a_id INNER JOIN c USING (id)', ['a', 'b', 'c']],
    ['SELECT * FROM a, b AS bb, c cc WHERE a.x = bb.x', ['a', 'b', 'c']],
    ['SELECT * FROM app.users', ['app.users']],
    ['SELECT * FROM db.app.users', ['app.users']],
    ['SELECT * FROM "Order Items" oi JOIN "app"."Line" l ON true', ['Order Items', 'app.Line']],
    ['SELECT * FROM `items` JOIN [my table] ON 1', ['items', 'my table']],
    ['INSERT INTO orders (user_id, total) VALUES ($1, $2) RETURNING id', ['orders']],
    ['INSERT OR REPLACE INTO kv(k, v) VALUES (?, ?)', ['kv']],
    ['REPLACE INTO kv VALUES (?, ?)', ['kv']],
    ['UPDATE ONLY accounts SET balance = balance - $1 WHERE id = $2', ['accounts']],
    ['UPDATE OR IGNORE accounts SET x = 1', ['accounts']],
    ['DELETE FROM sessions WHERE expires < now()', ['sessions']],
    ['DELETE FROM a USING b WHERE a.id = b.id', ['a', 'b']],
    ['TRUNCATE TABLE logs, events RESTART IDENTITY', ['logs', 'events']],
    ['CREATE TABLE IF NOT EXISTS t (id int primary key)', ['t']],
    ['DROP TABLE IF EXISTS old_t', ['old_t']],
    ['ALTER TABLE ONLY t ADD COLUMN c text', ['t']],
    ['COPY items FROM STDIN', ['items']],
    ['MERGE INTO target t USING source s ON t.id = s.id WHEN MATCHED THEN DELETE', ['target', 'source']],
  ])('%s', (sql, expected) => {
    expect(names(sql)).toEqual(expected);
  });

  it('finds tables in subqueries, IN lists and EXISTS', () => {
    expect(
      names(
        'SELECT (SELECT count(*) FROM orders o WHERE o.uid = u.id) FROM users u ' +
          'WHERE u.id IN (SELECT uid FROM bans) AND EXISTS (SELECT 1 FROM roles r WHERE r.uid = u.id)',
      ),
    ).toEqual(['orders', 'users', 'bans', 'roles']);
  });

  it('leaves out common table expressions but keeps the tables they read', () => {
    expect(
      names(
        'WITH RECURSIVE recent(id) AS (SELECT id FROM orders), totals AS MATERIALIZED (SELECT * FROM recent) ' +
          'SELECT * FROM totals JOIN users ON true',
      ),
    ).toEqual(['orders', 'users']);
  });

  it('does not take FROM inside EXTRACT, SUBSTRING, TRIM or IS DISTINCT FROM for a table list', () => {
    expect(
      names(
        "SELECT EXTRACT(YEAR FROM created_at), substring(name FROM 1 FOR 3), trim(both 'x' from code) " +
          'FROM events WHERE a IS DISTINCT FROM b AND c IS NOT DISTINCT FROM d',
      ),
    ).toEqual(['events']);
  });

  it('skips table functions and LATERAL subqueries', () => {
    expect(
      names(
        'SELECT * FROM generate_series(1, 3) g JOIN LATERAL (SELECT * FROM items) i ON true, unnest($1::int[])',
      ),
    ).toEqual(['items']);
  });

  it('ignores row locking and upsert clauses that contain UPDATE', () => {
    expect(names('SELECT * FROM jobs FOR UPDATE SKIP LOCKED')).toEqual(['jobs']);
    expect(names('SELECT * FROM jobs FOR NO KEY UPDATE')).toEqual(['jobs']);
    expect(names('INSERT INTO kv (k, v) VALUES (1, 2) ON CONFLICT (k) DO UPDATE SET v = excluded.v')).toEqual(
      ['kv'],
    );
  });

  it('never reads table names out of strings, comments or dollar quotes', () => {
    expect(
      names(
        "SELECT 'FROM fake1', E'it\\'s FROM fake2', $tag$ FROM fake3 $tag$, $$FROM fake4$$ -- FROM fake5\n" +
          'FROM /* FROM fake6 /* nested */ FROM fake7 */ real_table',
      ),
    ).toEqual(['real_table']);
  });

  it('does not mistake SQLite parameters or casts for identifiers', () => {
    expect(names('SELECT * FROM t WHERE a = :from AND b = @join AND c = ?1 AND d = $2::text')).toEqual(['t']);
  });

  it('reads every statement of a script and names each table once', () => {
    expect(
      names('BEGIN; INSERT INTO a VALUES (1); UPDATE a SET x = 2; SELECT * FROM b JOIN a ON true; COMMIT;'),
    ).toEqual(['a', 'b']);
  });

  it('does not take an index access method for a table', () => {
    expect(names('CREATE INDEX idx ON orders USING btree (user_id)')).toEqual([]);
  });

  it('returns nothing for statements without tables and survives malformed input', () => {
    expect(names('SELECT 1')).toEqual([]);
    expect(names('BEGIN')).toEqual([]);
    expect(names("SELECT * FROM 'unterminated")).toEqual([]);
    expect(names('SELECT * FROM "unterminated')).toEqual(['unterminated']);
    expect(names('FROM')).toEqual([]);
    expect(names(')))) FROM ((( JOIN ,,,')).toEqual([]);
  });
});
