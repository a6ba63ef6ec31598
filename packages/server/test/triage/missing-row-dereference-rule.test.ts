import { describe, expect, it } from 'vitest';
import { missingRowDereferenceRule } from '../../src/triage/index.js';
import { demoPackage, variant } from './support/demo-packages.js';
import { dbEvent, eventAt, insertEvents } from './support/timeline-events.js';

describe('missing-row-dereference rule', () => {
  it("explains reading 'blocked' off the customer the query did not find (bug 2)", () => {
    expect(missingRowDereferenceRule.explain(demoPackage('bug2-deleted-customer'))).toEqual({
      kind: 'missing-row-dereference',
      summary:
        "The customers query found no row for id = 3, and the code then read 'blocked' of undefined (customer is undefined)",
      evidence: [0],
      confidence: 0.95,
    });
  });

  it('links by the selected column alone when no locals were captured', () => {
    const pkg = variant('bug2-deleted-customer', (p) => {
      for (const frame of p.error.frames) delete frame.locals;
    });
    const cause = missingRowDereferenceRule.explain(pkg);
    expect(cause?.summary).toBe(
      "The customers query found no row for id = 3, and the code then read 'blocked' of undefined",
    );
    expect(cause?.confidence).toBe(0.88);
  });

  it('reads the columns of SELECT * from the recorded DDL when the driver gave no fields', () => {
    const pkg = variant('bug2-deleted-customer', (p) => {
      const query = eventAt(p, 0, 'db');
      query.statement = 'SELECT * FROM customers WHERE id = $1 AND deleted_at IS NULL';
      delete query.fields;
      p.schemas = [
        {
          system: 'postgresql',
          database: query.database,
          tables: [
            {
              name: 'customers',
              ddl: 'CREATE TABLE customers (\n  id integer NOT NULL,\n  blocked boolean DEFAULT false NOT NULL,\n  CONSTRAINT customers_pkey PRIMARY KEY (id)\n);\nCREATE INDEX customers_blocked ON customers (blocked, id);',
            },
          ],
        },
      ];
      for (const frame of p.error.frames) delete frame.locals;
    });
    expect(missingRowDereferenceRule.explain(pkg)?.evidence).toEqual([0]);
  });

  it('does not match a dereference when every query returned rows (bug 1)', () => {
    expect(missingRowDereferenceRule.explain(demoPackage('bug1-zero-amount-charge'))).toBeUndefined();
  });

  it('does not match an empty query followed by a dereference of something it did not select', () => {
    const pkg = variant('bug6-items-object', (p) => {
      insertEvents(
        p,
        dbEvent(1, {
          statement: 'SELECT code, percent_off FROM promo_codes WHERE code = $1 AND active',
          params: ['SPRING'],
          fields: [
            { name: 'code', table: 'promo_codes', column: 'code' },
            { name: 'percent_off', table: 'promo_codes', column: 'percent_off' },
          ],
        }),
      );
      p.error.type = 'TypeError';
      p.error.message = "Cannot read properties of undefined (reading 'totalCents')";
    });
    expect(missingRowDereferenceRule.explain(pkg)).toBeUndefined();
  });

  it('does not match an empty query followed by an error that is no dereference', () => {
    const pkg = variant('bug2-deleted-customer', (p) => {
      p.error.type = 'RangeError';
      p.error.message = 'Invalid array length';
    });
    expect(missingRowDereferenceRule.explain(pkg)).toBeUndefined();
  });
});
