import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { freePort } from '@flashback/ports';
import type { ErrorPackage } from '@flashback/protocol';
import { removeOnExit } from './exit-cleanup.js';
import { type HttpResponse, httpRequest } from './http-request.js';
import { spawnManaged } from './managed-process.js';
import { waitFor } from './wait-for.js';

export interface ScenarioOptions {
  /** Script to run with `node`, absolute or relative to `cwd`. */
  entry: string;
  env?: Record<string, string>;
  cwd?: string;
  /** Preload the capture SDK with `--import @flashback/node/register`. Default true. */
  preloadSdk?: boolean;
  /** Path polled with GET until the app answers. Default `/health`. */
  readyPath?: string;
  readyTimeoutMs?: number;
  /** Extra `node` flags, placed before the entry. */
  nodeArgs?: string[];
  /** The `node` binary to run the app with (another Node version). Default: this process's. */
  execPath?: string;
}

export interface Scenario {
  url: string;
  port: number;
  /** Where the SDK writes packages (`FLASHBACK_OUTPUT_DIR`). */
  outputDir: string;
  pid: number;
  request<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<HttpResponse<T>>;
  /** Every complete package currently in `outputDir`, oldest first. */
  packages(): Promise<ErrorPackage[]>;
  waitForPackages(count: number, timeoutMs?: number): Promise<ErrorPackage[]>;
  stdout(): string;
  stderr(): string;
  /** SIGTERM (the SDK may flush on the way out), SIGKILL after `timeoutMs`. Output stays readable. */
  stop(timeoutMs?: number): Promise<void>;
}

/**
 * Runs an app in a child process the way production would, with the SDK preloaded,
 * on a free port, and waits until it answers.
 *
 * @example
 * const app = await startScenario({ entry: 'examples/checkout/src/server.js', env: { DATABASE_URL } });
 * const res = await app.request('POST', '/checkout', { customerId: 1, items: [] });
 * const [pkg] = await app.waitForPackages(1);
 * await app.stop();
 */
export async function startScenario(options: ScenarioOptions): Promise<Scenario> {
  const cwd = options.cwd ?? process.cwd();
  const port = await freePort();
  const outputDir = await mkdtemp(join(tmpdir(), 'flashback-scenario-'));
  removeOnExit(outputDir);
  const readyPath = options.readyPath ?? '/health';
  const url = `http://127.0.0.1:${port}`;

  const args = [
    ...(options.preloadSdk === false ? [] : ['--import', sdkRegisterUrl()]),
    ...(options.nodeArgs ?? []),
  ];
  args.push(resolve(cwd, options.entry));
  const child = spawnManaged(options.execPath ?? process.execPath, args, {
    cwd,
    env: { ...process.env, ...options.env, PORT: String(port), FLASHBACK_OUTPUT_DIR: outputDir },
  });

  const scenario: Scenario = {
    url,
    port,
    outputDir,
    pid: child.pid,
    request: (method, path, body, headers) => httpRequest(method, url + path, body, headers),
    packages: () => readPackages(outputDir),
    waitForPackages: (count, timeoutMs = 10_000) =>
      waitFor(
        async () => {
          const found = await readPackages(outputDir);
          return found.length >= count && found;
        },
        { what: `${count} error package(s) in ${outputDir}`, timeoutMs },
      ),
    stdout: child.stdout,
    stderr: child.stderr,
    stop: async (timeoutMs = 10_000) => {
      await child.stop('SIGTERM', timeoutMs);
    },
  };

  const exited = new AbortController();
  void child.exited.then((info) =>
    exited.abort(
      new Error(
        `${options.entry} exited (code ${info.code}, signal ${info.signal}) before GET ${readyPath} answered.\n` +
          `stderr:\n${child.stderr()}\nstdout:\n${child.stdout()}`,
      ),
    ),
  );
  try {
    await waitFor(async () => (await probe(url + readyPath)) < 500, {
      what: `GET ${url}${readyPath} from ${options.entry}`,
      timeoutMs: options.readyTimeoutMs ?? 20_000,
      intervalMs: 50,
      signal: exited.signal,
    });
  } catch (error: unknown) {
    await child.stop('SIGKILL');
    if (exited.signal.aborted) throw error;
    throw new Error(`${(error as Error).message}\nstderr:\n${child.stderr()}`);
  }
  return scenario;
}

/** One GET that cannot hang the wait: a server that accepts but never answers counts as not ready. */
async function probe(target: string): Promise<number> {
  const response = await fetch(target, { signal: AbortSignal.timeout(2_000) });
  await response.arrayBuffer();
  return response.status;
}

function sdkRegisterUrl(): string {
  const require = createRequire(import.meta.url);
  try {
    return pathToFileURL(require.resolve('@flashback/node/register')).href;
  } catch (error: unknown) {
    throw new Error(
      `cannot preload the SDK: @flashback/node/register does not resolve (${(error as Error).message}). ` +
        'Run `npm run build` first, or pass preloadSdk: false.',
    );
  }
}

async function readPackages(dir: string): Promise<ErrorPackage[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.json'));
  const found: { pkg: ErrorPackage; name: string }[] = [];
  for (const name of names) {
    try {
      found.push({ pkg: JSON.parse(await readFile(join(dir, name), 'utf8')) as ErrorPackage, name });
    } catch {
      // A file still being written is not a package yet; the next read will see it whole.
    }
  }
  return found
    .sort((a, b) => order(a.pkg).localeCompare(order(b.pkg)) || a.name.localeCompare(b.name))
    .map((f) => f.pkg);
}

function order(pkg: ErrorPackage): string {
  const capturedAt: unknown = (pkg as { capturedAt?: unknown }).capturedAt;
  return typeof capturedAt === 'string' ? capturedAt : '';
}
