/** `flashback services add|list|rm`: how tier-3 reproductions start each service's app. */
import type { ServiceAppSpec } from '@flashback/server';
import type { CliDeps } from '../cli-deps.js';
import { type CommandDefinition, type CommandInput, JSON_OPTION, type OptionSpec } from '../command-types.js';
import { EXIT_OK } from '../exit-codes.js';
import { STORAGE_OPTIONS, storageOptionsOf } from './storage-options.js';

const PROJECT: OptionSpec = { kind: 'string', value: '<name>', required: true, description: 'the project' };

export const servicesAddCommand: CommandDefinition = {
  name: 'services add',
  summary: 'register how to start a service for reproductions (replaces an earlier entry)',
  positionals: [{ name: 'service', description: 'the service name its packages carry (FLASHBACK_SERVICE)' }],
  options: {
    project: PROJECT,
    app: { kind: 'string', value: '<dir>', required: true, description: 'directory of the app' },
    start: {
      kind: 'string',
      value: '<command>',
      required: true,
      description: 'shell command that starts it',
    },
    port: { kind: 'port', value: '<n>', description: 'port it listens on', defaultText: 'the recorded PORT' },
    'ready-path': {
      kind: 'string',
      value: '<path>',
      description: 'path answering once it is ready',
      defaultText: 'wait for the port',
    },
    env: { kind: 'env', value: '<K=V>', multiple: true, description: 'extra environment for the app' },
    ...STORAGE_OPTIONS,
  },
  exitCodes: '0 registered, 2 could not (unknown project, missing directory)',
  run: async ({ positionals, options }: CommandInput, deps: CliDeps) => {
    const spec: ServiceAppSpec = {
      name: positionals[0] ?? '',
      dir: String(options.app),
      start: String(options.start),
    };
    if (typeof options.port === 'number') spec.port = options.port;
    if (typeof options['ready-path'] === 'string') spec.readyPath = options['ready-path'];
    if (typeof options.env === 'object') spec.env = options.env as Record<string, string>;
    const { addService } = await import('@flashback/server');
    const saved = await addService(String(options.project), spec, storageOptionsOf(options));
    deps.stdout(`Service ${saved.name} of ${String(options.project)}: ${saved.start} in ${saved.dir}\n`);
    return EXIT_OK;
  },
};

export const servicesListCommand: CommandDefinition = {
  name: 'services list',
  summary: "list a project's registered services",
  positionals: [],
  options: { project: PROJECT, ...STORAGE_OPTIONS, json: JSON_OPTION },
  exitCodes: '0 listed, 2 could not',
  run: async ({ options }: CommandInput, deps: CliDeps) => {
    const { getServices } = await import('@flashback/server');
    const services = await getServices(String(options.project), storageOptionsOf(options));
    if (options.json === true) deps.stdout(`${JSON.stringify(services, null, 2)}\n`);
    else if (services.length === 0) deps.stdout('No services registered.\n');
    else for (const s of services) deps.stdout(`${s.name}\t${s.start}\t${s.dir}\n`);
    return EXIT_OK;
  },
};

export const servicesRemoveCommand: CommandDefinition = {
  name: 'services rm',
  summary: 'forget how to start a service',
  positionals: [{ name: 'service', description: 'the service name' }],
  options: { project: PROJECT, ...STORAGE_OPTIONS },
  exitCodes: '0 removed, 2 could not (no such service)',
  run: async ({ positionals, options }: CommandInput, deps: CliDeps) => {
    const { deleteService } = await import('@flashback/server');
    await deleteService(String(options.project), positionals[0] ?? '', storageOptionsOf(options));
    deps.stdout(`Service ${positionals[0]} removed.\n`);
    return EXIT_OK;
  },
};
