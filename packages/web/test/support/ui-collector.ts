/**
 * A real collector for the browser tests: the built `@flashback/server` on a temp SQLite file,
 * listening on a free loopback port and serving the built UI, filled with the captured packages of
 * the checkout example's bugs (packages/server/test/triage/fixtures).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ErrorPackage } from '@flashback/protocol';
import { buildApp, createProject, listReproductions } from '@flashback/server';
import type { FastifyInstance } from 'fastify';
import {
  finishReproduction,
  markReproductionRunning,
} from '../../../server/src/storage/reproduction-store.js';
import { reproductionOf } from './reproduction-data.js';

const FIXTURES = fileURLToPath(new URL('../../../server/test/triage/fixtures/', import.meta.url));

/**
 * How many times each captured package arrives; the copies get new ids and earlier capture times,
 * a minute apart, so that the busiest issues are not also the most recent ones.
 */
const OCCURRENCES: Readonly<Record<string, number>> = {
  'bug1-zero-amount-charge': 3,
  'bug3-gateway-503': 2,
};

/** The package the tier-3 reproduction is stored for: no rule explains it. */
export const REPRODUCED_FIXTURE = 'bug7-duplicate-payments';

export interface UiCollector {
  app: FastifyInstance;
  /** `http://127.0.0.1:<port>` */
  url: string;
  readToken: string;
  /** The captured packages by fixture name (`bug1-zero-amount-charge`, ...). */
  packages: ReadonlyMap<string, ErrorPackage>;
  close(): Promise<void>;
}

export async function startUiCollector(): Promise<UiCollector> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'flashback-web-'));
  const app = await buildApp({ dataDir, validationWorkers: 0 });
  try {
    const project = await createProject('checkout', { storage: app.flashbackStorage });
    const packages = readFixtures();
    const batch = [...packages].flatMap(([name, pkg]) => copies(pkg, OCCURRENCES[name] ?? 1));
    const ingest = await app.inject({
      method: 'POST',
      url: `/api/${project.name}/packages`,
      headers: { 'content-type': 'application/json', 'x-flashback-key': project.ingestKey },
      payload: JSON.stringify({ packages: batch }),
    });
    if (ingest.statusCode !== 200) throw new Error(`ingest answered ${ingest.statusCode}: ${ingest.body}`);
    await storeReproduction(app, packages.get(REPRODUCED_FIXTURE));
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    return {
      app,
      url: address,
      readToken: project.readToken,
      packages,
      async close() {
        await app.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

function readFixtures(): Map<string, ErrorPackage> {
  const names = readdirSync(FIXTURES)
    .filter((file) => file.endsWith('.json'))
    .sort();
  return new Map(
    names.map((file) => [
      file.replace(/\.json$/, ''),
      JSON.parse(readFileSync(path.join(FIXTURES, file), 'utf8')) as ErrorPackage,
    ]),
  );
}

/** The package itself plus `count - 1` earlier occurrences of it. */
function copies(pkg: ErrorPackage, count: number): ErrorPackage[] {
  return Array.from({ length: count }, (_, index) =>
    index === 0
      ? pkg
      : {
          ...pkg,
          id: randomUUID(),
          capturedAt: new Date(Date.parse(pkg.capturedAt) - index * 60_000).toISOString(),
        },
  );
}

/** Finishes the reproduction ingest queued for the tier-3 package, as a worker would. */
async function storeReproduction(app: FastifyInstance, pkg: ErrorPackage | undefined): Promise<void> {
  if (!pkg) throw new Error(`no fixture ${REPRODUCED_FIXTURE}`);
  const db = app.flashbackStorage.db;
  const row = await db
    .selectFrom('packages')
    .select('issue_id')
    .where('id', '=', pkg.id)
    .executeTakeFirstOrThrow();
  const [queued] = await listReproductions(db, row.issue_id);
  if (!queued) throw new Error(`ingest queued no reproduction for ${REPRODUCED_FIXTURE}`);
  await markReproductionRunning(db, queued.id);
  await finishReproduction(db, queued.id, { status: 'reproduced', ...reproductionOf(pkg) });
}
