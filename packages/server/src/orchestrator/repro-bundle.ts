/**
 * The repro bundle stored with a reproduction: what the run was made of, so a person can see and
 * rerun it — the app spec, the database fixture, which recorded events the stubs served, and the
 * run log. The package itself is stored already and is referenced by id.
 */
import type { ErrorPackage } from '@flashback/protocol/types';
import { type Fixture, inferFixture, planStubs, type Verdict } from '@flashback/replay';
import type { ServiceAppSpec } from '../storage/service-store.js';

export const REPRO_BUNDLE_FORMAT = 'flashback.repro-bundle/1';

export interface ReproBundle {
  format: typeof REPRO_BUNDLE_FORMAT;
  packageId: string;
  app?: { service: string; dir: string; start: string };
  /** The database state the run started from; absent when it could not be inferred. */
  fixture?: Fixture;
  /** Why there is no fixture. */
  fixtureError?: string;
  /** The recorded events (timeline `seq`) each stub served. */
  stubs: {
    http: { origin: string; exchanges: number[] }[];
    redis: { host: string; port: number; db: number; commands: number[] }[];
  };
  /** Progress of the run, then the last lines the app wrote. */
  log: string;
}

export function buildReproBundle(
  pkg: ErrorPackage,
  app: ServiceAppSpec | undefined,
  progressLines: readonly string[],
  verdict?: Verdict,
): ReproBundle {
  const plan = planStubs(pkg);
  const bundle: ReproBundle = {
    format: REPRO_BUNDLE_FORMAT,
    packageId: pkg.id,
    stubs: {
      http: plan.http.map((h) => ({ origin: h.origin, exchanges: h.exchanges.map((e) => e.seq) })),
      redis: plan.redis.map((r) => ({
        host: r.host,
        port: r.port,
        db: r.db,
        commands: r.commands.map((c) => c.seq),
      })),
    },
    log: [...progressLines, ...(verdict?.appLog ? ['--- app output ---', verdict.appLog] : [])].join('\n'),
  };
  if (app) bundle.app = { service: app.name, dir: app.dir, start: app.start };
  try {
    bundle.fixture = inferFixture(pkg);
  } catch (error: unknown) {
    bundle.fixtureError = error instanceof Error ? error.message : String(error);
  }
  return bundle;
}
