import { describe, expect, it } from 'vitest';
import {
  returnedNoRow,
  selectedColumns,
  tableOf,
  whereEqualities,
} from '../../src/triage/support/sql-shape.js';
import { dbEvent } from './support/timeline-events.js';

describe('sql-shape', () => {
  it('pairs WHERE columns with $n and ? parameters', () => {
    const pg = dbEvent(0, { statement: 'SELECT a FROM t WHERE id = $2 AND org = $1', params: [7, 3] });
    expect(whereEqualities(pg)).toEqual([
      { column: 'id', value: 3 },
      { column: 'org', value: 7 },
    ]);
    const sqlite = dbEvent(0, {
      system: 'sqlite',
      statement: 'SELECT a FROM t WHERE x IN (SELECT y FROM u WHERE z = ?) AND c.id = ?',
      params: ['z', 'id'],
    });
    expect(whereEqualities(sqlite)).toEqual([
      { column: 'z', value: 'z' },
      { column: 'id', value: 'id' },
    ]);
  });

  it('reads the SELECT list, with aliases, when the driver gave no fields', () => {
    const event = dbEvent(0, {
      statement: 'SELECT p.sku, count(*) AS n, m.name merchant FROM products p',
      fields: undefined,
    });
    expect([...selectedColumns(event, [])]).toEqual(['sku', 'n', 'merchant']);
    expect(tableOf(event)).toBe('products');
  });

  it('counts only completed reads without rows as empty', () => {
    expect(returnedNoRow(dbEvent(0, { statement: 'SELECT 1 FROM t' }))).toBe(true);
    expect(returnedNoRow(dbEvent(0, { statement: 'SELECT 1 FROM t', rows: [[1]], rowCount: 1 }))).toBe(false);
    expect(returnedNoRow(dbEvent(0, { statement: 'UPDATE t SET a = 1', command: 'UPDATE' }))).toBe(false);
    expect(
      returnedNoRow(dbEvent(0, { statement: 'INSERT INTO t VALUES (1) RETURNING id', command: 'INSERT' })),
    ).toBe(true);
    expect(
      returnedNoRow(dbEvent(0, { statement: 'SELECT 1', outcome: 'error', error: { message: 'x' } })),
    ).toBe(false);
  });
});
