/**
 * What a finished reproduction of a package stores: a verdict as the runner writes it, and a repro
 * bundle whose fixture and stubs come from the replay engine's own (pure) inference.
 */
import type { ErrorPackage } from '@flashback/protocol';
import { inferFixture, planStubs, VERDICT_FORMAT, type Verdict } from '@flashback/replay';

export function reproductionOf(pkg: ErrorPackage): { verdict: Verdict; bundle: unknown } {
  const error = { type: pkg.error.type, message: pkg.error.message, fingerprint: pkg.fingerprint };
  const fixture = inferFixture(pkg);
  const stubs = planStubs(pkg);
  const tables = fixture.databases.reduce((sum, database) => sum + database.tables.length, 0);
  const request = pkg.trigger?.kind === 'http' ? `${pkg.trigger.method} ${pkg.trigger.url}` : 'the job';
  const verdict: Verdict = {
    format: VERDICT_FORMAT,
    status: 'reproduced',
    summary: `Reproduced: the replayed request threw ${pkg.error.type}: ${pkg.error.message}, same fingerprint`,
    packageId: pkg.id,
    sandbox: 'process',
    original: error,
    replayed: error,
    response: { status: 500 },
    timings: { fixtureMs: 41.2, sandboxReadyMs: 12.5, appReadyMs: 388, triggerMs: 23.4, totalMs: 471 },
    divergences: [],
    notes: ['The clock was pinned to the captured time'],
    appLog: `server listening on 127.0.0.1:40700\n${pkg.error.type}: ${pkg.error.message}`,
  };
  const bundle = {
    format: 'flashback.repro-bundle/1',
    app: { service: pkg.service.name, dir: 'examples/checkout', start: 'node src/server.js' },
    fixture,
    stubs: {
      http: stubs.http.map((origin) => ({
        origin: origin.origin,
        exchanges: origin.exchanges.map((e) => e.seq),
      })),
      redis: stubs.redis.map((server) => ({
        host: server.host,
        port: server.port,
        db: server.db,
        commands: server.commands.map((e) => e.seq),
      })),
    },
    log: [
      `fixture: ${tables} tables materialised`,
      `stubs: ${stubs.http.length} http, ${stubs.redis.length} redis`,
      'app: ready in 388 ms',
      `trigger: ${request} → 500`,
    ].join('\n'),
  };
  return { verdict, bundle };
}
