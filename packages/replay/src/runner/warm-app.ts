/**
 * An app loaded ahead ("warm"). Where the runner stands by (a microVM snapshots it, see
 * `SandboxSpec.standby`), it also starts Node for the app: the SDK's modules and the app's
 * dependencies are loaded before the snapshot, and a restored run hands that process the app's
 * environment, after which it runs the entry as `node <entry>` would. Under emulation that skips
 * most of an app's start (Node itself, the SDK, the framework, the database drivers, the AWS
 * SDK); only the app's own modules and its startup work are left.
 *
 * Only a start command of the form `node [--flag[=value] ...] <entry> [args]` can be loaded
 * ahead, and only when the run's environment needs nothing Node reads at its own start: other
 * runs start the app cold, as always.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type AppProcess, superviseApp } from './app-process.js';

/** What the standby process is told to load ahead: the app, as the job will describe it. */
export interface WarmAppSpec {
  /** `AppSpec.dir`. */
  dir: string;
  /** `AppSpec.start`. */
  start: string;
  /** The SDK preload the job will name (`ReproJob.sdkRegister`). */
  sdkRegister: string;
}

export interface NodeStart {
  nodeArgs: string[];
  entry: string;
  args: string[];
}

/** What the warm process writes on stderr once everything is loaded and it waits for the run. */
export const WARM_APP_READY_LINE = 'flashback-warm-app: loaded';

/** What the warm process reads, as one JSON line on stdin, to start the app. */
export interface WarmAppStart {
  env: Record<string, string>;
  cwd: string;
}

const PLAIN_WORD = /^[\w./@:+,=-]+$/;
const NODE_FLAG = /^--[a-z][\w-]*(=[\w./@:+,=-]*)?$/;
const PRELOAD_FLAG = /^(?:--import|--require|-r)(?:=(.+))?$/;

/** `node [--flag[=value] ...] <entry> [args]` in plain words (nothing for the shell to expand), else undefined. */
export function parseNodeStart(start: string): NodeStart | undefined {
  const words = start.trim().split(/\s+/);
  if (words[0] === 'exec') words.shift();
  if (words.shift() !== 'node' || !words.every((w) => PLAIN_WORD.test(w))) return undefined;
  const nodeArgs: string[] = [];
  while (words[0]?.startsWith('-')) {
    const flag = words.shift() as string;
    // A flag taking its value as the next word cannot be told from one followed by the entry.
    if (!NODE_FLAG.test(flag) || PRELOAD_FLAG.test(flag)) return undefined;
    nodeArgs.push(flag);
  }
  const entry = words.shift();
  return entry === undefined ? undefined : { nodeArgs, entry, args: words };
}

/**
 * The modules `NODE_OPTIONS` preloads, in order, or undefined when it holds anything else (a
 * running Node cannot take flags such as `--max-old-space-size`).
 */
export function preloadsOf(nodeOptions: string | undefined): string[] | undefined {
  const words = (nodeOptions ?? '')
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '');
  const preloads: string[] = [];
  while (words.length > 0) {
    const match = PRELOAD_FLAG.exec(words.shift() as string);
    if (!match) return undefined;
    const module = match[1] ?? words.shift();
    if (module === undefined) return undefined;
    preloads.push(module);
  }
  return preloads;
}

/** Why the warm app cannot run this job's app, or undefined when it can. */
export function warmStartBlocker(
  warm: WarmAppSpec,
  job: WarmAppSpec,
  env: Record<string, string>,
): string | undefined {
  if (warm.dir !== job.dir || warm.start !== job.start || warm.sdkRegister !== job.sdkRegister)
    return 'the job names another app than the one loaded ahead';
  const preloads = preloadsOf(env.NODE_OPTIONS);
  if (preloads === undefined)
    return `NODE_OPTIONS holds flags only a starting Node takes (${env.NODE_OPTIONS})`;
  // The runner names the SDK by path; a package name would resolve from wherever Node looks.
  if (!preloads.every((module) => isAbsolute(module)))
    return `NODE_OPTIONS preloads a package by name (${env.NODE_OPTIONS})`;
  if (env.NODE_EXTRA_CA_CERTS !== undefined)
    return "the HTTPS stand-ins' certificate authority must be known when Node starts";
  return undefined;
}

export interface WarmApp {
  readonly spec: WarmAppSpec;
  /** Resolves once everything is loaded; rejects when the process ended or failed first. */
  readonly loaded: Promise<void>;
  /** Hands over the run's environment: from here on the process is the app. */
  start(start: WarmAppStart): AppProcess;
  /** Ends the process unused (the job is run with a cold start). */
  discard(): void;
}

/** Starts Node for `spec`'s app in its directory, in a process group of its own, and loads ahead. */
export function spawnWarmApp(spec: WarmAppSpec, env: Record<string, string>): WarmApp | undefined {
  const parsed = parseNodeStart(spec.start);
  if (!parsed) return undefined;
  const main = fileURLToPath(new URL('./warm-app-main.js', import.meta.url));
  const child: ChildProcess = spawn(
    process.execPath,
    [...parsed.nodeArgs, main, spec.dir, spec.sdkRegister, parsed.entry, ...parsed.args],
    { cwd: spec.dir, env, detached: true, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const app = superviseApp(child, 'node for the app loaded ahead');
  const loaded = new Promise<void>((resolve, reject) => {
    let seen = '';
    const watch = (chunk: Buffer): void => {
      seen = (seen + chunk.toString('utf8')).slice(-4096);
      if (!seen.includes(WARM_APP_READY_LINE)) return;
      child.stderr?.off('data', watch);
      resolve();
    };
    child.stderr?.on('data', watch);
    void app.exited.then((exit) =>
      reject(new Error(`exited (code ${exit.code}, signal ${exit.signal}) while loading: ${app.log()}`)),
    );
  });
  loaded.catch(() => undefined);
  return {
    spec,
    loaded,
    start(start) {
      child.stdin?.end(`${JSON.stringify(start)}\n`);
      return app;
    },
    discard() {
      void app.stop(0);
    },
  };
}

/** Waits until `warm` has loaded, at most `timeoutMs`; a warm app that did not is discarded. */
export async function loadedWithin(warm: WarmApp, timeoutMs: number): Promise<WarmApp | undefined> {
  const timeout = AbortSignal.timeout(timeoutMs);
  try {
    await Promise.race([warm.loaded, once(timeout, 'abort').then(() => Promise.reject(timeout.reason))]);
    return warm;
  } catch {
    warm.discard();
    return undefined;
  }
}
