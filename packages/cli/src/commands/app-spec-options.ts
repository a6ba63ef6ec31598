/**
 * How the fix-workflow commands start the app: `--start` and friends, else the service's entry in
 * the app's `flashback.config.json`; and `--respond`, the answers for calls off the recording.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ErrorPackage } from '@flashback/protocol/types';
import type { AppSpec, OffRecordPolicy } from '@flashback/replay';
import { z } from 'zod';
import type { OptionSpec, OptionValue } from '../command-types.js';
import { CONFIG_FILE_NAME } from '../config/config-file-name.js';
import { loadFlashbackConfig } from '../config/flashback-config.js';
import { WorkflowError } from './workflow-errors.js';

export const APP_OPTIONS = {
  start: {
    kind: 'string',
    value: '<command>',
    description: 'shell command that starts the app',
    defaultText: `the service's entry in <app>/${CONFIG_FILE_NAME}`,
  },
  port: { kind: 'port', value: '<n>', description: 'port the app listens on', defaultText: 'PORT' },
  'ready-path': {
    kind: 'string',
    value: '<path>',
    description: 'path answering once the app is ready',
    defaultText: 'wait for the port',
  },
  env: { kind: 'env', value: '<K=V>', multiple: true, description: 'environment over the recorded one' },
  respond: {
    kind: 'string',
    value: '<file>',
    description: 'JSON answers for HTTP calls the recording lacks ([{method, path, status, body}])',
  },
} as const satisfies Record<string, OptionSpec>;

/** The app spec from the options, else from `<dir>/flashback.config.json` for the package's service. */
export async function appSpecOf(
  dir: string,
  options: Record<string, OptionValue>,
  pkg: ErrorPackage,
): Promise<AppSpec> {
  const absolute = resolve(dir);
  let spec: AppSpec | undefined;
  if (typeof options.start === 'string') {
    spec = { dir: absolute, start: options.start };
  } else {
    const file = join(absolute, CONFIG_FILE_NAME);
    const service = existsSync(file) ? (await loadFlashbackConfig(file))[pkg.service.name] : undefined;
    if (service === undefined) {
      throw new WorkflowError(
        'FB_CLI_BAD_INPUT',
        `how to start the app is unknown: give --start "<command>" (or add service ${JSON.stringify(pkg.service.name)} to ${file})`,
      );
    }
    const { name: _name, ...rest } = service;
    spec = { ...rest, dir: absolute };
  }
  if (typeof options.port === 'number') spec.port = options.port;
  if (typeof options['ready-path'] === 'string') spec.readyPath = options['ready-path'];
  if (typeof options.env === 'object') spec.env = { ...spec.env, ...(options.env as Record<string, string>) };
  return spec;
}

const AnswersSchema = z.array(
  z.strictObject({
    method: z.string().min(1),
    path: z.string().startsWith('/'),
    requestHeaders: z.record(z.string(), z.string()).optional(),
    status: z.number().int().min(100).max(599),
    headers: z.record(z.string(), z.string()).optional(),
    body: z.union([z.string(), z.record(z.string(), z.unknown()), z.array(z.unknown())]).optional(),
  }),
);

/**
 * Changed code is run against the recording: Redis commands it lacks are answered as an empty
 * server would, and HTTP calls it lacks with the `--respond` answers (JSON bodies as given).
 */
export async function offRecordOf(options: Record<string, OptionValue>): Promise<OffRecordPolicy> {
  const file = options.respond;
  if (typeof file !== 'string') return { redis: 'empty-server' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error: unknown) {
    throw new WorkflowError(
      'FB_CLI_BAD_INPUT',
      `cannot read the answers in ${file}: ${(error as Error).message}`,
    );
  }
  const answers = AnswersSchema.safeParse(parsed);
  if (!answers.success) {
    const problems = answers.error.issues.map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`);
    throw new WorkflowError('FB_CLI_BAD_INPUT', `${file} is not a list of answers: ${problems.join('; ')}`);
  }
  return {
    redis: 'empty-server',
    http: answers.data.map(({ body, ...answer }) => ({
      ...answer,
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    })),
  };
}
