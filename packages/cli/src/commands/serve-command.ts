/**
 * `flashback serve`: the collector (ingest, query API, web UI) with the triage master and a
 * reproduction worker, on the embedded SQLite default or on PostgreSQL. Runs until Ctrl-C.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ServiceAppSpec, StartServerOptions } from '@flashback/server';
import { DEFAULT_DATA_DIR, DEFAULT_HOST, DEFAULT_PORT } from '@flashback/server/defaults';
import type { CliDeps } from '../cli-deps.js';
import type { CommandDefinition, CommandInput } from '../command-types.js';
import { CONFIG_FILE_NAME } from '../config/config-file-name.js';
import { EXIT_OK } from '../exit-codes.js';
import { STORAGE_OPTIONS } from './storage-options.js';

export const serveCommand: CommandDefinition = {
  name: 'serve',
  summary: 'run the collector: ingest, triage, reproductions, the query API and the web UI',
  positionals: [],
  options: {
    port: {
      kind: 'listen-port',
      value: '<n>',
      description: 'port to listen on; 0 picks a free one',
      defaultText: String(DEFAULT_PORT),
    },
    host: {
      kind: 'string',
      value: '<address>',
      description: 'address to bind; anything but loopback exposes the collector',
      defaultText: DEFAULT_HOST,
    },
    ...STORAGE_OPTIONS,
    config: {
      kind: 'string',
      value: '<file>',
      description: 'app specs of the services to reproduce',
      defaultText: `./${CONFIG_FILE_NAME} when present`,
    },
    'public-url': {
      kind: 'string',
      value: '<url>',
      description: 'the collector as others reach it, for links in webhooks',
      defaultText: 'the address it listens on',
    },
    sandbox: {
      kind: 'choice',
      value: '<kind>',
      choices: ['auto', 'process', 'namespace'],
      description: 'sandbox of the reproductions',
      defaultText: 'auto: namespace where available, else process',
    },
    'repro-timeout': {
      kind: 'duration',
      value: '<time>',
      description: 'time limit of one reproduction',
      defaultText: '60s',
    },
  },
  exitCodes: '0 stopped with Ctrl-C, 2 could not start (port taken, database unavailable, bad config)',
  run: runServe,
};

async function runServe({ options }: CommandInput, deps: CliDeps): Promise<number> {
  const dataDir = typeof options.data === 'string' ? options.data : DEFAULT_DATA_DIR;
  const database = typeof options.database === 'string' ? options.database : undefined;
  mkdirSync(dataDir, { recursive: true });
  const configFile =
    typeof options.config === 'string'
      ? resolve(options.config)
      : existsSync(CONFIG_FILE_NAME)
        ? resolve(CONFIG_FILE_NAME)
        : undefined;
  const { loadFlashbackConfig } = await import('../config/flashback-config.js');
  const { ensureUiToken, parseDatabaseTarget, startServer } = await import('@flashback/server');
  const configuredServices: Record<string, ServiceAppSpec> = configFile
    ? await loadFlashbackConfig(configFile)
    : {};

  const startOptions: StartServerOptions = {
    port: typeof options.port === 'number' ? options.port : DEFAULT_PORT,
    host: typeof options.host === 'string' ? options.host : DEFAULT_HOST,
    dataDir,
    replay: {
      configuredServices,
      sandbox: (options.sandbox as 'auto' | 'process' | 'namespace' | undefined) ?? 'auto',
      ...(typeof options['repro-timeout'] === 'number' ? { timeLimitMs: options['repro-timeout'] } : {}),
      onProgress: (request, line) => deps.stderr(`repro ${request.issueId.slice(0, 8)} ${line}\n`),
    },
  };
  if (database !== undefined) startOptions.database = database;
  if (typeof options['public-url'] === 'string') startOptions.publicUrl = options['public-url'];
  const server = await startServer(startOptions);
  try {
    const token = await ensureUiToken(server.app.flashbackStorage, join(dataDir, 'ui-token'));
    const target = parseDatabaseTarget(database, dataDir);
    const services = Object.keys(configuredServices);
    deps.stdout(
      [
        `Flashback collector listening on ${server.url}`,
        `  database:  ${target.dialect === 'sqlite' ? `SQLite ${target.file}` : 'PostgreSQL'}`,
        `  queue:     ${server.app.flashbackQueue.kind === 'pg-boss' ? 'pg-boss (PostgreSQL)' : 'in process'}`,
        `  services:  ${services.length > 0 ? `${services.join(', ')} (${configFile})` : 'none from a config file; see `flashback services add`'}`,
        `  web UI:    ${server.url}/#token=${token}`,
        'Press Ctrl-C to stop.',
        '',
      ].join('\n'),
    );
    await deps.interrupted;
    deps.stderr('stopping: finishing the reproduction in progress, if any\n');
  } finally {
    await server.close();
  }
  return EXIT_OK;
}
