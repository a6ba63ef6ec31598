/**
 * `flashback.config.json`: how to start each service's app for reproductions, kept beside the code
 * instead of registered with `flashback services add`.
 *
 * @example
 * { "services": { "checkout": { "app": "examples/checkout", "start": "node src/server.js" } } }
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { ServiceAppSpec } from '@flashback/server';
import { z } from 'zod';
import { CliError } from '../errors.js';

const ServiceSchema = z.strictObject({
  app: z.string().min(1).describe('directory of the app, relative to the configuration file'),
  start: z.string().min(1),
  port: z.number().int().min(1).max(65535).optional(),
  readyPath: z.string().startsWith('/').optional(),
  env: z.record(z.string(), z.string()).optional(),
});

const ConfigSchema = z.strictObject({
  services: z.record(z.string().min(1), ServiceSchema).default({}),
});

/** The services of a configuration file, with app directories made absolute. */
export async function loadFlashbackConfig(file: string): Promise<Record<string, ServiceAppSpec>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error: unknown) {
    throw new CliError('FB_CLI_BAD_CONFIG', `cannot read ${file}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error: unknown) {
    throw new CliError('FB_CLI_BAD_CONFIG', `${file} is not JSON: ${(error as Error).message}`);
  }
  const parsed = ConfigSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`);
    throw new CliError('FB_CLI_BAD_CONFIG', `${file} is not a valid configuration: ${problems.join('; ')}`);
  }
  const services: Record<string, ServiceAppSpec> = {};
  for (const [name, service] of Object.entries(parsed.data.services)) {
    const spec: ServiceAppSpec = { name, dir: resolve(dirname(file), service.app), start: service.start };
    if (service.port !== undefined) spec.port = service.port;
    if (service.readyPath !== undefined) spec.readyPath = service.readyPath;
    if (service.env !== undefined) spec.env = service.env;
    services[name] = spec;
  }
  return services;
}
