/** `flashback projects create <name>`: a project with its ingest key (DSN) and a read token. */
import type { CliDeps } from '../cli-deps.js';
import { type CommandDefinition, type CommandInput, JSON_OPTION } from '../command-types.js';
import { EXIT_OK } from '../exit-codes.js';
import { STORAGE_OPTIONS, storageOptionsOf } from './storage-options.js';

export const projectsCreateCommand: CommandDefinition = {
  name: 'projects create',
  summary: 'create a project: prints its DSN for the SDK and a read token (both shown once)',
  positionals: [{ name: 'name', description: 'lower-case letters, digits and dashes' }],
  options: {
    ...STORAGE_OPTIONS,
    'public-url': {
      kind: 'string',
      value: '<url>',
      description: 'the collector as the SDK reaches it, for the DSN',
      defaultText: 'http://127.0.0.1:4700',
    },
    json: JSON_OPTION,
  },
  exitCodes: '0 created, 2 could not (the name is taken or invalid, the database cannot be opened)',
  run: runProjectsCreate,
};

async function runProjectsCreate({ positionals, options }: CommandInput, deps: CliDeps): Promise<number> {
  const { createProject } = await import('@flashback/server');
  const created = await createProject(positionals[0] ?? '', {
    ...storageOptionsOf(options),
    ...(typeof options['public-url'] === 'string' ? { publicUrl: options['public-url'] } : {}),
  });
  if (options.json === true) {
    deps.stdout(`${JSON.stringify(created, null, 2)}\n`);
  } else {
    deps.stdout(
      [
        `Project ${created.name} created. The key and token are shown only now; keep them.`,
        '',
        `  FLASHBACK_DSN=${created.dsn}`,
        `  read token:   ${created.readToken}`,
        '',
        'Start the service with the SDK:',
        `  FLASHBACK_DSN=${created.dsn} node --import @flashback/node/register <entry>`,
        '',
      ].join('\n'),
    );
  }
  return EXIT_OK;
}
