/**
 * The runner's work, in order: fixtures → stubs → app → ready → trigger → observe → stop
 * everything → verdict. Mechanical by design: every decision was made by the orchestrator and
 * is in the job.
 */
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ephemeralRange } from '@flashback/ports';
import type { HttpTrigger } from '@flashback/protocol/types';
import { buildAppEnv } from './app-env.js';
import { type AppProcess, startApp } from './app-process.js';
import { assertPortFree, isPortFree, waitUntilReady } from './app-ready.js';
import { portOutsideRange } from './ephemeral-ports.js';
import { ReproError } from './errors.js';
import { type FixtureSetup, setUpFixtures } from './fixture-setup.js';
import type { ReproJob } from './job-types.js';
import type { ProgressEvent } from './progress-line.js';
import { recordedEndpoints } from './recorded-endpoints.js';
import { pickReplayed, readReplayedPackages } from './replayed-packages.js';
import { type StubSetup, setUpStubs } from './stub-setup.js';
import { firstTimelineDivergence } from './timeline-diff.js';
import { fireAndObserve, type Observed } from './trigger-observe.js';
import { triggerRequest } from './trigger-request.js';
import { errorVerdict, observedVerdict } from './verdict-build.js';
import type { Verdict, VerdictTimings } from './verdict-types.js';
import { type WarmApp, warmStartBlocker } from './warm-app.js';

export const APP_PID_FILE = 'app.pid';

export interface RunContext {
  workDir: string;
  report: (event: ProgressEvent) => void;
  /** PATH, HOME and the like for the app, from the runner's own environment. */
  baseEnv: Record<string, string>;
  /** The app, loaded ahead by the standby process (see warm-app.ts). */
  warmApp?: WarmApp;
}

export async function runJob(job: ReproJob, context: RunContext): Promise<Verdict> {
  const started = performance.now();
  const timings: VerdictTimings = { totalMs: 0, sandboxReadyMs: Math.max(0, Date.now() - job.startedAt) };
  const pkg = job.package;
  const { report, workDir } = context;
  let fixtures: FixtureSetup | undefined;
  let stubs: StubSetup | undefined;
  let app: AppProcess | undefined;
  let observed: Observed | undefined;
  const notes: string[] = [];
  const finish = (verdict: Verdict): Verdict => {
    verdict.timings = { ...timings, ...verdict.timings, totalMs: Math.round(performance.now() - started) };
    if (notes.length > 0) verdict.notes = notes;
    return verdict;
  };

  try {
    const trigger = usableTrigger(pkg.trigger);
    const endpoints = recordedEndpoints(pkg);
    const atRecorded = job.bind === 'recorded';

    report({ step: 'fixtures', message: 'inferring and materialising the database fixtures' });
    const fixtureStart = performance.now();
    fixtures = await setUpFixtures(pkg, job.fixture, endpoints, {
      atRecorded,
      appDir: job.app.dir,
      workDir,
      ...(job.pgliteTemplate === undefined ? {} : { pgliteTemplate: job.pgliteTemplate }),
    });
    notes.push(...fixtures.notes);

    report({ step: 'stubs', message: 'starting the stubs' });
    stubs = await setUpStubs(pkg, endpoints, {
      bind: job.bind,
      workDir,
      latencyScale: job.latencyScale,
      ...(job.offRecord === undefined ? {} : { offRecord: job.offRecord }),
    });
    for (const e of stubs.endpoints) {
      report({
        step: 'stubs',
        message: `${e.kind} ${e.recorded.host}:${e.recorded.port} → ${e.listening.host}:${e.listening.port}`,
      });
    }

    const asked = appPort(job);
    const port = await listeningPort(job, asked);
    if (port !== asked) {
      notes.push(
        `the app listens on port ${port} instead of the recorded ${asked}: that one is in the sandbox's ephemeral port range, where an outgoing connection could take it first`,
      );
    }
    await assertPortFree(port);
    const { env, rewritten } = buildAppEnv({
      recorded: pkg.runtime.env,
      spec: job.app.env,
      base: context.baseEnv,
      moves: [...fixtures.moves, ...stubs.moves],
      paths: fixtures.paths,
      port,
      outputDir: join(workDir, 'packages'),
      sdkRegister: job.sdkRegister,
      clock: trigger.startedAt,
      caCertFile: stubs.caCertFile,
    });
    if (rewritten.length > 0) notes.push(`configuration pointed at the stand-ins: ${rewritten.join(', ')}`);

    // In a microVM under emulation, loading PGlite while the app boots slows both down on the
    // guest's CPUs (bug 7's fixtures: 43-72 s side by side, ~20 s alone): there, the app starts
    // once the fixtures are loaded.
    if (job.sandbox === 'microvm') await fixtures.postgresReady;
    const appStart = performance.now();
    app = launchApp(job, env, context);
    await writeFile(join(workDir, APP_PID_FILE), String(app.pid));
    // PostgreSQL fixtures load while the app boots; its connections wait at their gates.
    await fixtures.postgresReady;
    timings.fixtureMs = Math.round(performance.now() - fixtureStart);
    const tables = fixtures.fixture.databases.reduce((n, db) => n + db.tables.length, 0);
    report({
      step: 'fixtures',
      message: `${fixtures.fixture.databases.length} database(s), ${tables} table(s) ready in ${timings.fixtureMs} ms`,
    });
    await waitUntilReady({
      port,
      readyPath: job.app.readyPath,
      app,
      deadline: Math.min(job.deadline, Date.now() + job.readyTimeoutMs),
    });
    timings.appReadyMs = Math.round(performance.now() - appStart);
    report({ step: 'app', message: `ready on port ${port} in ${timings.appReadyMs} ms` });

    stubs.arm();
    const startup = stubs.startupCommands();
    if (startup.length > 0)
      notes.push(
        `answered ${startup.length} Redis command(s) while the app started: ${[...new Set(startup)].join(', ')}`,
      );
    const request = triggerRequest(trigger);
    if (request.bodyTruncated)
      notes.push('the recorded request body was cut by the size cap; only its first bytes were sent');
    report({ step: 'trigger', message: `${request.method} ${request.path}` });
    observed = await fireAndObserve({
      app,
      port,
      request,
      original: pkg,
      packagesDir: join(workDir, 'packages'),
      deadline: job.deadline,
    });
    timings.triggerMs = observed.triggerMs;
    const answer =
      observed.outcome.kind === 'response' ? `answered ${observed.outcome.status}` : observed.outcome.message;
    report({ step: 'observe', message: `${answer} after ${observed.triggerMs} ms` });
  } catch (error: unknown) {
    await cleanUp(workDir, report, app, stubs, fixtures);
    return finish(errorVerdict(pkg, job.sandbox, error, app?.log(), stubs?.divergences() ?? []));
  }

  // Once reproduced nothing more is needed from the app; otherwise a graceful stop gives the SDK
  // its chance to write a package it still held.
  const reproduced = observed.replayed?.fingerprint === pkg.fingerprint;
  await cleanUp(workDir, report, app, stubs, fixtures, reproduced ? 0 : 3000);
  if (!reproduced) {
    observed.replayed =
      pickReplayed(await readReplayedPackages(join(workDir, 'packages')), pkg) ?? observed.replayed;
  }
  const timeline =
    observed.replayed === undefined
      ? undefined
      : firstTimelineDivergence(pkg.timeline, observed.replayed.timeline);
  return finish(observedVerdict(pkg, job.sandbox, observed, stubs.divergences(), timeline, app.log()));
}

/** The app loaded ahead when it serves this job, else a cold start; says which. */
function launchApp(job: ReproJob, env: Record<string, string>, context: RunContext): AppProcess {
  const { warmApp, report } = context;
  const blocker =
    warmApp &&
    warmStartBlocker(
      warmApp.spec,
      { dir: job.app.dir, start: job.app.start, sdkRegister: job.sdkRegister },
      env,
    );
  if (warmApp && blocker === undefined) {
    report({ step: 'app', message: `starting the app, loaded ahead in standby: ${job.app.start}` });
    return warmApp.start({ env, cwd: job.app.dir });
  }
  if (warmApp) {
    warmApp.discard();
    report({ step: 'app', message: `not using the app loaded ahead: ${blocker}` });
  }
  report({ step: 'app', message: `starting the app: ${job.app.start}` });
  return startApp(job.app.start, job.app.dir, env);
}

function usableTrigger(trigger: ReproJob['package']['trigger']): HttpTrigger {
  if (trigger === null) {
    throw new ReproError(
      'FB_REPRO_NO_TRIGGER',
      'the package has no trigger: the error happened outside any request, so there is nothing to replay',
    );
  }
  if (trigger.kind !== 'http') {
    throw new ReproError(
      'FB_REPRO_UNSUPPORTED_TRIGGER',
      `the trigger is a ${trigger.kind}; only HTTP requests can be replayed`,
    );
  }
  return trigger;
}

function appPort(job: ReproJob): number {
  const port = job.app.port ?? Number(job.app.env?.PORT ?? job.package.runtime.env.PORT);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new ReproError(
      'FB_REPRO_INVALID_APP',
      'the app port is unknown: the recorded configuration has no PORT; give the port the app listens on (--port)',
    );
  }
  return port;
}

/**
 * The port the app is told to listen on: `recorded` (the port given, else the recorded one) — moved out of the
 * ephemeral range where the network is the sandbox's own (see ephemeral-ports.ts). On the host
 * (`process`) the recorded port stays: the host's other listeners are not ours to dodge.
 */
async function listeningPort(job: ReproJob, recorded: number): Promise<number> {
  const given = job.app.port !== undefined || job.app.env?.PORT !== undefined;
  if (given || job.sandbox === 'process') return recorded;
  return portOutsideRange(recorded, await ephemeralRange(), isPortFree);
}

async function cleanUp(
  workDir: string,
  report: RunContext['report'],
  app: AppProcess | undefined,
  stubs: StubSetup | undefined,
  fixtures: FixtureSetup | undefined,
  graceMs = 3000,
): Promise<void> {
  report({ step: 'cleanup', message: 'stopping the app, the stubs and the databases' });
  if (app !== undefined) {
    await app.stop(graceMs).catch(() => undefined);
    // Stopped: nothing for the orchestrator to kill (and the pid may be reused from now on).
    await rm(join(workDir, APP_PID_FILE), { force: true });
  }
  await stubs?.close().catch(() => undefined);
  await fixtures?.close().catch(() => undefined);
}
