/**
 * Materialises a PostgreSQL fixture database into a PGlite started from the on-disk template
 * (see `pglite-template.ts`), skipping initdb. The loading itself is the fixtures' own.
 */
import { readFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import type { FixtureDatabase } from '../fixtures/fixture-types.js';
import { planLoad } from '../fixtures/load-plan.js';
import { pgliteExecutor } from '../fixtures/pg-executor.js';
import { loadPostgres } from '../fixtures/pg-load.js';

export interface TemplatedPglite {
  pglite: PGlite;
  close(): Promise<void>;
}

export async function materializeFromTemplate(
  db: FixtureDatabase,
  templateFile: string,
): Promise<TemplatedPglite> {
  const pglite = await PGlite.create({ loadDataDir: new Blob([await readFile(templateFile)]) });
  try {
    // The first query loads the array types, which the executor's type parsers are built from.
    await pglite.query('SELECT 1');
    await loadPostgres(pgliteExecutor(pglite), planLoad(db));
  } catch (error: unknown) {
    await pglite.close();
    throw error;
  }
  return { pglite, close: () => pglite.close() };
}
