/** `flashback repro <package.json> --app <dir> --start "<command>" ...` */
import { resolve } from 'node:path';
import type { AppSpec, ReproduceOptions } from '@flashback/replay';
import type { OptionValue } from '../args-parse.js';
import type { CliDeps } from '../cli-deps.js';
import { exitCodeForVerdict } from '../exit-codes.js';
import { formatVerdict } from '../verdict-format.js';

export interface ReproCommandInput {
  packageFile: string;
  options: Record<string, OptionValue>;
}

export async function runRepro({ packageFile, options }: ReproCommandInput, deps: CliDeps): Promise<number> {
  const app: AppSpec = { dir: resolve(String(options.app)), start: String(options.start) };
  if (typeof options.port === 'number') app.port = options.port;
  if (typeof options['ready-path'] === 'string') app.readyPath = options['ready-path'];
  if (typeof options.env === 'object') app.env = options.env as Record<string, string>;

  const stop = new AbortController();
  void deps.interrupted.then(() => stop.abort());
  const reproduceOptions: ReproduceOptions = {
    sandbox: (options.sandbox as 'process' | 'namespace' | undefined) ?? 'auto',
    signal: stop.signal,
    onProgress: (event) => {
      const seconds = (event.elapsedMs / 1000).toFixed(1).padStart(5);
      deps.stderr(`[${seconds}s] ${event.step.padEnd(8)} ${event.message}\n`);
    },
  };
  if (typeof options.timeout === 'number') reproduceOptions.timeLimitMs = options.timeout;

  const verdict = await deps.reproduce(resolve(packageFile), app, reproduceOptions);
  deps.stdout(options.json === true ? `${JSON.stringify(verdict, null, 2)}\n` : formatVerdict(verdict));
  return exitCodeForVerdict(verdict.status);
}
