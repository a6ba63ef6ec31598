/**
 * `startReplayEnvironment`: the captured state of one failure, set up on this machine for a test
 * of the app's own (the file `flashback export-test` writes). The fixture materialised, the stubs
 * on free ports, and the environment the app needs to reach them: the recorded configuration
 * pointed at the stand-ins, the clock pinned to when the request arrived, the SDK preloaded so
 * the replayed failure is captured. Unlike `reproduce`, no sandbox: the app runs as the test's child.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ErrorPackage } from '@flashback/protocol/types';
import { inferFixture } from '../fixtures/fixture-infer.js';
import type { Fixture } from '../fixtures/fixture-types.js';
import { loadPackage, replayableTrigger } from '../orchestrator/package-load.js';
import { locateSdkRegister } from '../orchestrator/sdk-locate.js';
import { buildAppEnv } from '../runner/app-env.js';
import { type FixtureSetup, setUpFixtures } from '../runner/fixture-setup.js';
import type { OffRecordPolicy } from '../runner/job-types.js';
import { ensurePgliteTemplate } from '../runner/pglite-template.js';
import { recordedEndpoints } from '../runner/recorded-endpoints.js';
import { type StubSetup, setUpStubs } from '../runner/stub-setup.js';
import type { Divergence, StubEndpoint } from '../stubs/stub-types.js';
import { type ReplayAppSpec, type ReplayedApp, startReplayedApp } from './replayed-app.js';

export interface ReplayEnvironmentOptions {
  /** The error package: a file path or the parsed document. */
  package: ErrorPackage | string;
  /** The database state to start from: a file path or the document; default inferred from the package. */
  fixture?: Fixture | string;
  /** How calls the recording does not have are answered; default: refused. */
  offRecord?: OffRecordPolicy;
}

export interface ReplayEnvironment {
  package: ErrorPackage;
  /** Where each recorded dependency is served now. */
  endpoints: StubEndpoint[];
  /** The app's environment (without a port of its own; `startApp` adds one). */
  env: Record<string, string>;
  /** Starts the app on a free port (or `app.port`) and waits until it is ready. Once per environment. */
  startApp(app: ReplayAppSpec): Promise<ReplayedApp>;
  /** What the stubs saw that the recording does not have. */
  divergences(): Divergence[];
  /** Stops the app, the stubs and the databases, and removes the work directory. */
  close(): Promise<void>;
}

/**
 * @example
 * const replay = await startReplayEnvironment({ package: 'package.json', fixture: 'fixture.json' });
 * try {
 *   const app = await replay.startApp({ dir: '.', start: 'node src/server.js', readyPath: '/health' });
 *   const response = await app.fireTrigger();
 * } finally {
 *   await replay.close();
 * }
 */
export async function startReplayEnvironment(options: ReplayEnvironmentOptions): Promise<ReplayEnvironment> {
  const pkg = await loadPackage(options.package);
  const trigger = replayableTrigger(pkg);
  const fixture = await loadFixture(options.fixture, pkg);
  const endpoints = recordedEndpoints(pkg);
  const workDir = await mkdtemp(join(tmpdir(), 'flashback-replay-'));
  let fixtures: FixtureSetup | undefined;
  let stubs: StubSetup | undefined;
  let app: ReplayedApp | undefined;
  const close = async (): Promise<void> => {
    await app?.stop();
    await stubs?.close().catch(() => undefined);
    await fixtures?.close().catch(() => undefined);
    await rm(workDir, { recursive: true, force: true });
  };
  try {
    const pgliteTemplate = endpoints.postgres.length > 0 ? await ensurePgliteTemplate() : undefined;
    fixtures = await setUpFixtures(pkg, fixture, endpoints, {
      atRecorded: false,
      appDir: workDir,
      workDir,
      ...(pgliteTemplate === undefined ? {} : { pgliteTemplate }),
    });
    stubs = await setUpStubs(pkg, endpoints, {
      bind: 'ephemeral',
      workDir,
      ...(options.offRecord === undefined ? {} : { offRecord: options.offRecord }),
    });
    const ready = { fixtures, stubs };
    const envFor = (spec: Partial<ReplayAppSpec>): Record<string, string> =>
      buildAppEnv({
        recorded: pkg.runtime.env,
        ...(spec.env === undefined ? {} : { spec: spec.env }),
        base: baseEnv(),
        moves: [...ready.fixtures.moves, ...ready.stubs.moves],
        paths: ready.fixtures.paths,
        ...(spec.port === undefined ? {} : { port: spec.port }),
        outputDir: join(workDir, 'packages'),
        sdkRegister: locateSdkRegister(spec.dir ?? process.cwd()),
        clock: trigger.startedAt,
        ...(ready.stubs.caCertFile === undefined ? {} : { caCertFile: ready.stubs.caCertFile }),
      }).env;
    return {
      package: pkg,
      endpoints: stubs.endpoints,
      env: envFor({}),
      async startApp(spec) {
        if (app !== undefined) throw new Error('the app of this replay environment is already started');
        app = await startReplayedApp(spec, {
          pkg,
          trigger,
          env: (port) => envFor({ ...spec, port }),
          postgresReady: ready.fixtures.postgresReady,
          beforeTrigger: () => ready.stubs.arm(),
          packagesDir: join(workDir, 'packages'),
        });
        return app;
      },
      divergences: () => ready.stubs.divergences(),
      close,
    };
  } catch (error: unknown) {
    await close();
    throw error;
  }
}

async function loadFixture(input: Fixture | string | undefined, pkg: ErrorPackage): Promise<Fixture> {
  if (input === undefined) return inferFixture(pkg);
  if (typeof input !== 'string') return input;
  return JSON.parse(await readFile(input, 'utf8')) as Fixture;
}

/** What the app needs from the test's own environment; the recorded configuration does the rest. */
function baseEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of ['PATH', 'HOME', 'LANG', 'TZ', 'TMPDIR']) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return env;
}
