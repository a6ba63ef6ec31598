/** `flashback webhooks add|list|rm`: who hears about issues escalated to a developer. */
import type { CliDeps } from '../cli-deps.js';
import { type CommandDefinition, type CommandInput, JSON_OPTION, type OptionSpec } from '../command-types.js';
import { EXIT_OK } from '../exit-codes.js';
import { STORAGE_OPTIONS, storageOptionsOf } from './storage-options.js';

const PROJECT: OptionSpec = { kind: 'string', value: '<name>', required: true, description: 'the project' };

export const webhooksAddCommand: CommandDefinition = {
  name: 'webhooks add',
  summary: 'POST a JSON summary to a URL whenever an issue is escalated (tier 4)',
  positionals: [{ name: 'url', description: 'http(s) URL' }],
  options: {
    project: PROJECT,
    secret: {
      kind: 'string',
      value: '<secret>',
      description: 'sign each body: x-flashback-signature: sha256=<HMAC of the body>',
    },
    ...STORAGE_OPTIONS,
  },
  exitCodes: '0 added, 2 could not',
  run: async ({ positionals, options }: CommandInput, deps: CliDeps) => {
    const { addEscalationWebhook } = await import('@flashback/server');
    const webhook = await addEscalationWebhook(String(options.project), positionals[0] ?? '', {
      ...storageOptionsOf(options),
      ...(typeof options.secret === 'string' ? { secret: options.secret } : {}),
    });
    deps.stdout(`Webhook ${webhook.id} → ${webhook.url} (${webhook.events.join(', ')})\n`);
    return EXIT_OK;
  },
};

export const webhooksListCommand: CommandDefinition = {
  name: 'webhooks list',
  summary: "list a project's webhooks",
  positionals: [],
  options: { project: PROJECT, ...STORAGE_OPTIONS, json: JSON_OPTION },
  exitCodes: '0 listed, 2 could not',
  run: async ({ options }: CommandInput, deps: CliDeps) => {
    const { getWebhooks } = await import('@flashback/server');
    const webhooks = await getWebhooks(String(options.project), storageOptionsOf(options));
    const shown = webhooks.map(({ secret, ...rest }) => ({ ...rest, signed: secret !== null }));
    if (options.json === true) deps.stdout(`${JSON.stringify(shown, null, 2)}\n`);
    else if (shown.length === 0) deps.stdout('No webhooks.\n');
    else
      for (const w of shown)
        deps.stdout(`${w.id}\t${w.url}\t${w.events.join(',')}${w.signed ? '\tsigned' : ''}\n`);
    return EXIT_OK;
  },
};

export const webhooksRemoveCommand: CommandDefinition = {
  name: 'webhooks rm',
  summary: 'remove a webhook',
  positionals: [{ name: 'id', description: 'as `webhooks list` shows it' }],
  options: { ...STORAGE_OPTIONS },
  exitCodes: '0 removed, 2 could not (no such webhook)',
  run: async ({ positionals, options }: CommandInput, deps: CliDeps) => {
    const { deleteWebhook } = await import('@flashback/server');
    await deleteWebhook(positionals[0] ?? '', storageOptionsOf(options));
    deps.stdout(`Webhook ${positionals[0]} removed.\n`);
    return EXIT_OK;
  },
};
