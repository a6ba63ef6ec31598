/**
 * PostgreSQL fixtures started from the on-disk template cluster, and the database a standby
 * runner starts ahead: the next materialisation of the same template takes it instead of copying
 * the template again.
 */
import { existsSync } from 'node:fs';
import { afterEach, beforeAll, expect, test } from 'vitest';
import type { FixtureDatabase } from '../../src/fixtures/fixture-types.js';
import {
  materializeFromTemplate,
  startWarmPglite,
  type TemplatedPglite,
} from '../../src/runner/pglite-from-template.js';
import { ensurePgliteTemplate } from '../../src/runner/pglite-template.js';

let template: string;
const opened: TemplatedPglite[] = [];

beforeAll(async () => {
  const made = await ensurePgliteTemplate();
  if (made === undefined) throw new Error('the PGlite template could not be made');
  template = made;
}, 120_000);

afterEach(async () => {
  for (const db of opened.splice(0)) await db.close();
});

const customers: FixtureDatabase = {
  system: 'postgresql',
  database: 'shop',
  notes: [],
  tables: [
    {
      name: 'customers',
      columns: [
        { name: 'id', type: 'integer', primaryKey: true },
        { name: 'email', type: 'text' },
      ],
      rows: [{ values: { id: 47, email: 'ana@example.com' }, from: [1] }],
    },
  ],
};

test('a fixture database from the template holds exactly its rows, and its copy goes with close()', async () => {
  const db = await materializeFromTemplate(customers, template);
  expect((await db.pglite.query('SELECT id, email FROM customers')).rows).toEqual([
    { id: 47, email: 'ana@example.com' },
  ]);
  expect(existsSync(db.dataDir)).toBe(true);
  await db.close();
  expect(existsSync(db.dataDir)).toBe(false);
}, 60_000);

test('the database started ahead is taken by the next materialisation, once', async () => {
  const ahead = await startWarmPglite(template);
  expect(existsSync(ahead)).toBe(true);

  const warm = await materializeFromTemplate(customers, template);
  opened.push(warm);
  expect(warm.dataDir, 'the warm database was used, not a new copy').toBe(ahead);
  expect((await warm.pglite.query('SELECT count(*)::int AS n FROM customers')).rows).toEqual([{ n: 1 }]);

  const next = await materializeFromTemplate(customers, template);
  opened.push(next);
  expect(next.dataDir).not.toBe(ahead);
  expect((await next.pglite.query('SELECT count(*)::int AS n FROM customers')).rows).toEqual([{ n: 1 }]);
}, 60_000);
