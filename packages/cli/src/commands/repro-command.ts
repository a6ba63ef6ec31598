/** `flashback repro <package.json> --app <dir> --start "<command>" ...` */
import { resolve } from 'node:path';
import type { AppSpec, ReproduceOptions } from '@flashback/replay';
import type { CliDeps } from '../cli-deps.js';
import { type CommandDefinition, type CommandInput, JSON_OPTION } from '../command-types.js';
import { exitCodeForVerdict } from '../exit-codes.js';
import { formatVerdict } from '../verdict-format.js';

export const reproCommand: CommandDefinition = {
  name: 'repro',
  summary: 'reproduce the failure of a package in a sandbox and say whether it happened again',
  positionals: [{ name: 'package.json', description: 'an error package' }],
  options: {
    app: { kind: 'string', value: '<dir>', required: true, description: 'directory of the app' },
    start: {
      kind: 'string',
      value: '<command>',
      required: true,
      description: 'shell command that starts the app',
    },
    port: {
      kind: 'port',
      value: '<n>',
      description: 'port the app listens on',
      defaultText: 'PORT of the recorded configuration',
    },
    'ready-path': {
      kind: 'string',
      value: '<path>',
      description: 'path answering once the app is ready',
      defaultText: 'wait for the port',
    },
    env: {
      kind: 'env',
      value: '<K=V>',
      multiple: true,
      description: 'extra environment for the app',
    },
    sandbox: {
      kind: 'choice',
      value: '<kind>',
      choices: ['process', 'namespace', 'microvm'],
      description: 'process, namespace or microvm',
      defaultText: 'namespace where available, else process',
    },
    timeout: {
      kind: 'duration',
      value: '<time>',
      description: 'time limit, e.g. 60s, 2m, 500ms',
      defaultText: '60s',
    },
    json: JSON_OPTION,
  },
  exitCodes: '0 reproduced, 1 not reproduced or a different error, 2 could not run',
  run: runRepro,
};

async function runRepro({ positionals, options }: CommandInput, deps: CliDeps): Promise<number> {
  const packageFile = positionals[0] ?? '';
  const app: AppSpec = { dir: resolve(String(options.app)), start: String(options.start) };
  if (typeof options.port === 'number') app.port = options.port;
  if (typeof options['ready-path'] === 'string') app.readyPath = options['ready-path'];
  if (typeof options.env === 'object') app.env = options.env as Record<string, string>;

  const stop = new AbortController();
  void deps.interrupted.then(() => stop.abort());
  const reproduceOptions: ReproduceOptions = {
    sandbox: (options.sandbox as 'process' | 'namespace' | 'microvm' | undefined) ?? 'auto',
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
