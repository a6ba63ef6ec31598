/**
 * Entry of the runner inside the sandbox: `node runner-main.js <work dir>/job.json`. Runs the job,
 * writes `verdict.json` beside it, and reports progress on stderr. Always writes a verdict: a
 * failure of its own becomes an `error` verdict rather than a silent exit.
 *
 * `node runner-main.js --standby [--pglite-template <dir>] [--warm-app <JSON WarmAppSpec>]` loads
 * first (and starts a database from the template, and the app loaded ahead: see warm-app.ts), then
 * reads the job's path from stdin (see `SandboxSpec.standby`).
 */
import { readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { STANDBY_READY_LINE } from '../sandbox/sandbox-types.js';
import { ReproError } from './errors.js';
import { JOB_FORMAT, type ReproJob, STANDBY_FLAG, VERDICT_FILE } from './job-types.js';
import { startWarmPglite } from './pglite-from-template.js';
import { encodeProgress, type ProgressEvent } from './progress-line.js';
import { APP_PID_FILE, runJob } from './run-job.js';
import { errorVerdict } from './verdict-build.js';
import type { Verdict } from './verdict-types.js';
import { loadedWithin, spawnWarmApp, type WarmApp, type WarmAppSpec } from './warm-app.js';

/** How long the standby process waits for the app loaded ahead (under emulation: tens of seconds). */
const WARM_APP_LOAD_LIMIT_MS = 180_000;

const standby = process.argv[2] === STANDBY_FLAG;
let warmApp: WarmApp | undefined;
const jobFile = standby ? await standBy(process.argv.slice(3)) : process.argv[2];
if (jobFile === undefined) {
  process.stderr.write(
    'usage: runner-main.js <job.json> | runner-main.js --standby [--pglite-template <dir>] [--warm-app <JSON>]\n',
  );
  process.exit(2);
}
const workDir = dirname(jobFile);
const report = (event: ProgressEvent): void => {
  process.stderr.write(`${encodeProgress(event)}\n`);
};

// Stopped from outside (time limit): the app leads its own process group, which must not outlive us.
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    killApp();
    process.exit(143);
  });
}

const verdict = await run();
await writeFile(join(workDir, VERDICT_FILE), `${JSON.stringify(verdict, null, 2)}\n`);
report({ step: 'verdict', message: verdict.summary });
// Stubs or PGlite may keep handles open a moment longer; the verdict is written, so leave.
process.exit(0);

async function run(): Promise<Verdict> {
  let job: ReproJob;
  try {
    job = JSON.parse(await readFile(jobFile as string, 'utf8')) as ReproJob;
    if (job.format !== JOB_FORMAT) throw new Error(`expected a ${JOB_FORMAT} document`);
  } catch (error: unknown) {
    const why = error instanceof Error ? error.message : String(error);
    return errorVerdict(
      undefined,
      undefined,
      new ReproError('FB_REPRO_RUNNER_FAILED', `cannot read the job ${jobFile}: ${why}`),
    );
  }
  report({
    step: 'sandbox',
    message: `runner started (pid ${process.pid}${standby ? ', loaded ahead in standby' : ''})`,
  });
  const home = join(workDir, 'home');
  await mkdir(home, { recursive: true });
  try {
    return await runJob(job, {
      workDir,
      report,
      baseEnv: baseEnv(home),
      ...(warmApp === undefined ? {} : { warmApp }),
    });
  } catch (error: unknown) {
    return errorVerdict(job.package, job.sandbox, error);
  }
}

/**
 * Everything the runner imports is loaded by now; a database from the template and the app loaded
 * ahead start too. Then the job's path, one line on stdin. A database that fails to start ahead
 * is started again with the job, and an app that fails to load ahead is started cold, so either
 * failure only costs time.
 */
async function standBy(args: string[]): Promise<string | undefined> {
  const { values } = parseArgs({
    args,
    options: { 'pglite-template': { type: 'string' }, 'warm-app': { type: 'string' } },
  });
  const warm = values['warm-app'] === undefined ? undefined : startWarmApp(values['warm-app']);
  const template = values['pglite-template'];
  await Promise.all([
    template === undefined ? undefined : startWarmPglite(template).catch(() => undefined),
    warm === undefined
      ? undefined
      : loadedWithin(warm, WARM_APP_LOAD_LIMIT_MS).then((loaded) => {
          warmApp = loaded;
        }),
  ]);
  process.stderr.write(`${STANDBY_READY_LINE}\n`);
  for await (const line of createInterface({ input: process.stdin })) return line.trim() || undefined;
  return undefined;
}

function startWarmApp(json: string): WarmApp | undefined {
  try {
    return spawnWarmApp(JSON.parse(json) as WarmAppSpec, stringEnv(process.env));
  } catch {
    return undefined;
  }
}

function stringEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
}

function baseEnv(home: string): Record<string, string> {
  const env: Record<string, string> = { HOME: home };
  for (const name of ['PATH', 'LANG', 'TZ']) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return env;
}

function killApp(): void {
  try {
    const pid = Number(readFileSync(join(workDir, APP_PID_FILE), 'utf8'));
    if (pid > 0) process.kill(-pid, 'SIGKILL');
  } catch {
    // No app started, or it is gone already.
  }
}
