/**
 * The replay's databases: the fixture (inferred from the recorded queries by the orchestrator)
 * materialised as SQLite files and as PGlite databases served over the PostgreSQL wire protocol.
 * PostgreSQL servers known only from the configuration get an empty database, so an app that
 * connects at startup still starts.
 *
 * SQLite files are ready when this returns. PostgreSQL is not: its address (recorded, or a free
 * port) is taken at once by a gate that holds connections, and `postgresReady` resolves once the
 * fixture is loaded and the gate lets them through. The app starts meanwhile.
 */
import type { ErrorPackage } from '@flashback/protocol/types';
import type { Fixture, FixtureDatabase } from '../fixtures/fixture-types.js';
// Not the fixtures' index: inference (and its SQL parser, a third of the runner's start-up) is
// done by the orchestrator, outside the sandbox.
import { materialize } from '../fixtures/materialize.js';
import { servePglite } from '../fixtures/pglite-serve.js';
import type { AddressMove, PathMove } from './address-rewrite.js';
import { ReproError } from './errors.js';
import { materializeFromTemplate, type TemplatedPglite } from './pglite-from-template.js';
import type { PostgresEndpoint, RecordedEndpoints } from './recorded-endpoints.js';
import { placeSqlite, sqlitePathsInEnv } from './sqlite-placement.js';
import { TcpGate } from './tcp-gate.js';

export interface FixtureSetup {
  fixture: Fixture;
  moves: AddressMove[];
  paths: PathMove[];
  /** What the fixture could not decide. */
  notes: string[];
  /** Resolves once every PostgreSQL fixture serves; rejects with `FB_REPRO_FIXTURE_FAILED`. */
  postgresReady: Promise<void>;
  close(): Promise<void>;
}

export interface FixtureSetupOptions {
  atRecorded: boolean;
  appDir: string;
  workDir: string;
  pgliteTemplate?: string;
}

type Closer = () => Promise<unknown>;

/** @throws ReproError `FB_REPRO_FIXTURE_FAILED`, with everything started so far closed. */
export async function setUpFixtures(
  pkg: ErrorPackage,
  fixture: Fixture,
  endpoints: RecordedEndpoints,
  options: FixtureSetupOptions,
): Promise<FixtureSetup> {
  const closers: Closer[] = [];
  let pending: Promise<unknown> = Promise.resolve();
  const close = async (): Promise<void> => {
    // A database still loading is closed once it is up, never left behind.
    await pending.catch(() => undefined);
    for (const stop of closers.reverse()) await stop().catch(() => undefined);
  };
  const moves: AddressMove[] = [];
  const notes = fixture.databases.flatMap((db) =>
    db.notes.map((n) => `${db.database}${n.seq === null ? '' : ` #${n.seq}`}: ${n.message}`),
  );
  try {
    const paths = await placeSqliteFixtures(pkg, fixture, options);
    const serving: Promise<void>[] = [];
    for (const endpoint of endpoints.postgres) {
      const gate = await attemptAsync(`listening for ${endpoint.database}`, () =>
        TcpGate.listen({
          host: '127.0.0.1',
          port: options.atRecorded && standsInOnLoopback(endpoint.host) ? endpoint.port : 0,
        }),
      );
      closers.push(() => gate.close());
      if (gate.address.port !== endpoint.port || !standsInOnLoopback(endpoint.host)) {
        moves.push({ from: { host: endpoint.host, port: endpoint.port }, to: gate.address });
      }
      serving.push(servePostgres(fixture, endpoint, gate, closers, options.pgliteTemplate));
    }
    const postgresReady = Promise.all(serving).then(() => undefined);
    pending = postgresReady;
    postgresReady.catch(() => undefined);
    return { fixture, moves, paths, notes, postgresReady, close };
  } catch (error: unknown) {
    await close();
    throw error;
  }
}

async function placeSqliteFixtures(
  pkg: ErrorPackage,
  fixture: Fixture,
  options: FixtureSetupOptions,
): Promise<PathMove[]> {
  const paths: PathMove[] = [];
  const sqliteDbs = fixture.databases.filter((db) => db.system === 'sqlite');
  const recordedFiles = new Set(sqliteDbs.map((db) => db.database));
  let index = 0;
  for (const db of sqliteDbs) {
    const placement = await placeSqlite(db.database, { ...options, index: index++ });
    const handle = await attemptAsync(`materialising ${db.database}`, () =>
      materialize(only(fixture, db), { kind: 'sqlite', file: placement.path, replace: true }),
    );
    await handle.close();
    if (placement.move) paths.push(placement.move);
  }
  // Databases the request did not touch: the app creates them itself, but never on the host's copy.
  for (const path of sqlitePathsInEnv(pkg.runtime.env).filter((p) => !recordedFiles.has(p))) {
    const placement = await placeSqlite(path, { ...options, index: index++ });
    if (placement.move) paths.push(placement.move);
  }
  return paths;
}

async function servePostgres(
  fixture: Fixture,
  endpoint: PostgresEndpoint,
  gate: TcpGate,
  closers: Closer[],
  template: string | undefined,
): Promise<void> {
  const db: FixtureDatabase = fixture.databases.find(
    (d) => d.system === 'postgresql' && d.database === endpoint.database,
  ) ?? { system: 'postgresql', database: endpoint.database, tables: [], notes: [] };
  try {
    const handle = await attemptAsync<Pick<TemplatedPglite, 'pglite' | 'close'>>(
      `materialising ${endpoint.database}`,
      () =>
        template === undefined
          ? materialize(only(fixture, db), { kind: 'pglite' })
          : materializeFromTemplate(db, template),
    );
    closers.push(() => handle.close());
    const server = await attemptAsync(`serving ${endpoint.database}`, () =>
      servePglite(handle.pglite, { host: '127.0.0.1', port: 0 }),
    );
    closers.push(() => server.close());
    gate.open({ host: server.host, port: server.port });
  } catch (error: unknown) {
    gate.fail();
    throw error;
  }
}

function only(fixture: Fixture, db: FixtureDatabase): Fixture {
  return { ...fixture, databases: [db] };
}

/** Hosts a listener on 127.0.0.1 can stand in for: loopback, or a name the sandbox maps to it. */
function standsInOnLoopback(host: string): boolean {
  return host === 'localhost' || host.startsWith('127.') || !/^[\d.]+$|:/.test(host);
}

async function attemptAsync<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error: unknown) {
    throw fixtureError(what, error);
  }
}

function fixtureError(what: string, error: unknown): ReproError {
  const message = error instanceof Error ? error.message : String(error);
  return new ReproError('FB_REPRO_FIXTURE_FAILED', `${what} failed: ${message}`, { cause: error });
}
