/**
 * `reproduce`: the master's side of a reproduction. Checks the package and the app, prepares a
 * work dir and the job, runs the runner in the chosen sandbox within a time limit, and returns
 * its verdict. Never throws for a reproduction that could not run: that is an `error` verdict
 * saying why. Nothing is left running or on disk afterwards.
 */
import { readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ErrorPackage } from '@flashback/protocol/types';
import { type Fixture, inferFixture } from '../fixtures/index.js';
import { ReproError } from '../runner/errors.js';
import { type AppSpec, JOB_FILE, JOB_FORMAT, type ReproJob, VERDICT_FILE } from '../runner/job-types.js';
import { ensurePgliteTemplate } from '../runner/pglite-template.js';
import { decodeProgress, type ProgressEvent } from '../runner/progress-line.js';
import { recordedEndpoints } from '../runner/recorded-endpoints.js';
import { APP_PID_FILE } from '../runner/run-job.js';
import { errorVerdict } from '../runner/verdict-build.js';
import type { Verdict } from '../runner/verdict-types.js';
import { createWorkDir, removeWorkDir, sweepStaleWorkDirs } from '../sandbox/index.js';
import type { SandboxResult } from '../sandbox/sandbox-types.js';
import { checkAppSpec } from './app-spec-check.js';
import { chooseDriver } from './driver-choice.js';
import { loadPackage, replayableTrigger } from './package-load.js';
import { readablePaths } from './readable-paths.js';
import type { ReproduceOptions } from './reproduce-types.js';
import { runnerEntry } from './runner-entry.js';
import { sandboxSpec } from './sandbox-spec.js';
import { locateSdkRegister } from './sdk-locate.js';

const DEFAULT_TIME_LIMIT_MS = 60_000;
const DEFAULT_READY_TIMEOUT_MS = 30_000;
// The runner must write its verdict before the sandbox is killed; it stops working this early.
const VERDICT_MARGIN_MS = 3_000;

/**
 * @example
 * const verdict = await reproduce('pkg.json', { dir: 'examples/checkout', start: 'node src/server.js' }, {
 *   sandbox: 'namespace',
 *   onProgress: (e) => console.error(`${e.step}: ${e.message}`),
 * });
 * if (verdict.status === 'reproduced') ...
 */
export async function reproduce(
  input: ErrorPackage | string,
  app: AppSpec,
  options: ReproduceOptions = {},
): Promise<Verdict> {
  const started = performance.now();
  const progress = (event: ProgressEvent): void =>
    options.onProgress?.({ ...event, elapsedMs: Math.round(performance.now() - started) });
  let pkg: ErrorPackage | undefined;
  let sandbox: string | undefined;
  let workDir: string | undefined;
  try {
    pkg = await loadPackage(input);
    const trigger = replayableTrigger(pkg);
    progress({
      step: 'package',
      message: `${pkg.error.type}: ${firstLine(pkg.error.message)} (${trigger.method} ${trigger.url})`,
    });
    const spec = await checkAppSpec(app);
    const sdkRegister = options.sdkRegister ?? locateSdkRegister(spec.dir);
    const runner = runnerEntry();
    const { driver, note } = await chooseDriver(options);
    sandbox = driver.kind;
    progress({ step: 'sandbox', message: `${driver.kind} sandbox${note ? ` (${note})` : ''}` });

    const endpoints = recordedEndpoints(pkg);
    const fixture = inferFixtureOf(pkg);
    // A microVM's image holds the template either way, so that one image serves every package.
    const pgliteTemplate =
      endpoints.postgres.length > 0 || driver.kind === 'microvm' ? await ensurePgliteTemplate() : undefined;
    await sweepStaleWorkDirs().catch(() => undefined);
    workDir = await createWorkDir();
    const timeLimitMs = options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
    const job: ReproJob = {
      format: JOB_FORMAT,
      package: pkg,
      fixture,
      app: spec,
      sandbox: driver.kind,
      bind: driver.kind === 'process' ? 'ephemeral' : 'recorded',
      sdkRegister,
      startedAt: Date.now(),
      deadline: Date.now() + Math.max(timeLimitMs - VERDICT_MARGIN_MS, timeLimitMs / 2),
      readyTimeoutMs: options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS,
    };
    if (options.latencyScale !== undefined) job.latencyScale = options.latencyScale;
    if (pgliteTemplate !== undefined) job.pgliteTemplate = pgliteTemplate;
    if (options.offRecord !== undefined) job.offRecord = options.offRecord;
    const jobFile = join(workDir, JOB_FILE);
    await writeFile(jobFile, JSON.stringify(job));

    const others: string[] = [];
    const result = await driver.run(
      sandboxSpec({
        workDir,
        jobFile,
        runner,
        pgliteTemplate,
        warmApp: { dir: spec.dir, start: spec.start, sdkRegister },
        nodePath: process.execPath,
        hostPath: process.env.PATH ?? '/usr/bin:/bin',
        readable: readablePaths({ appDir: spec.dir, sdkRegister, runner, pgliteTemplate }),
        hostNames: endpoints.hostNames,
        timeLimitMs,
        memoryLimitMb: driver.kind === 'namespace' ? (options.memoryLimitMb ?? 4096) : undefined,
        maxProcesses: driver.kind === 'namespace' ? (options.maxProcesses ?? 2048) : undefined,
        onStderrLine: (line) => {
          const event = decodeProgress(line);
          if (event) progress(event);
          else if (others.push(line) > 50) others.shift();
        },
      }),
      options.signal,
    );
    const verdict = await readVerdict(workDir, result, timeLimitMs, others);
    if (result.readyMs !== undefined) verdict.timings.sandboxReadyMs = Math.round(result.readyMs);
    verdict.timings.totalMs = Math.round(performance.now() - started);
    return verdict;
  } catch (error: unknown) {
    // Errors of the sandbox (FB_SANDBOX_*) keep their own codes in the verdict.
    const verdict = errorVerdict(pkg, sandbox, error);
    verdict.timings.totalMs = Math.round(performance.now() - started);
    return verdict;
  } finally {
    if (workDir !== undefined) {
      if (sandbox === 'process') killLeftoverApp(workDir);
      await removeWorkDir(workDir).catch(() => undefined);
    }
  }
}

/** @throws ReproError `FB_REPRO_FIXTURE_FAILED` */
function inferFixtureOf(pkg: ErrorPackage): Fixture {
  try {
    return inferFixture(pkg);
  } catch (error: unknown) {
    const message = error instanceof Error ? error.message : String(error);
    throw new ReproError('FB_REPRO_FIXTURE_FAILED', `inferring the fixture failed: ${message}`, {
      cause: error,
    });
  }
}

async function readVerdict(
  workDir: string,
  result: SandboxResult,
  timeLimitMs: number,
  stderr: string[],
): Promise<Verdict> {
  try {
    return JSON.parse(await readFile(join(workDir, VERDICT_FILE), 'utf8')) as Verdict;
  } catch {
    const output = stderr.slice(-20).join('\n');
    if (result.timedOut) {
      throw new ReproError(
        'FB_REPRO_TIMEOUT',
        `the reproduction did not finish within ${Math.round(timeLimitMs / 1000)} s`,
        {
          detail: output,
        },
      );
    }
    const how = result.signal === null ? `exit code ${result.exitCode}` : `signal ${result.signal}`;
    throw new ReproError('FB_REPRO_RUNNER_FAILED', `the runner ended (${how}) without a verdict`, {
      detail: output || result.stderr.slice(-2000),
    });
  }
}

/**
 * The process sandbox stops the runner's process group; the app leads a group of its own, so a
 * runner killed before its own clean-up would leave it running. The runner removes the pid file
 * once the app is stopped, so a pid found here is one that may still run. (Namespace sandboxes
 * need none of this: their pid namespace dies whole, and their pids mean nothing out here.)
 */
function killLeftoverApp(workDir: string): void {
  try {
    const pid = Number(readFileSync(join(workDir, APP_PID_FILE), 'utf8'));
    if (pid > 0) process.kill(-pid, 'SIGKILL');
  } catch {
    // Never started, or already gone.
  }
}

function firstLine(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > 100 ? `${line.slice(0, 99)}…` : line;
}
