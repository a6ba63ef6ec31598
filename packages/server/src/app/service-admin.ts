/** `flashback services …` and `flashback webhooks …`: what a project reproduces with and whom it tells. */
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { listServices, removeService, type ServiceAppSpec, saveService } from '../storage/service-store.js';
import { addWebhook, listWebhooks, removeWebhook, type WebhookConfig } from '../storage/webhook-store.js';
import { type AdminStorageOptions, requireProject, withStorage } from './admin-storage.js';
import { ServerError } from './server-errors.js';

/**
 * Registers (or replaces) how to start a service's app for reproductions. The directory is made
 * absolute and must exist, since workers start the app from it.
 */
export async function addService(
  project: string,
  spec: ServiceAppSpec,
  options: AdminStorageOptions = {},
): Promise<ServiceAppSpec> {
  const dir = isAbsolute(spec.dir) ? spec.dir : resolve(spec.dir);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new ServerError('FB_ERR_INVALID_SERVICE', `app directory ${dir} does not exist`);
  }
  if (spec.start.trim() === '') throw new ServerError('FB_ERR_INVALID_SERVICE', 'the start command is empty');
  const saved = { ...spec, dir };
  await withStorage(options, async (storage) => {
    await saveService(storage.db, (await requireProject(storage, project)).id, saved);
  });
  return saved;
}

export async function getServices(
  project: string,
  options: AdminStorageOptions = {},
): Promise<ServiceAppSpec[]> {
  return withStorage(options, async (storage) =>
    listServices(storage.db, (await requireProject(storage, project)).id),
  );
}

export async function deleteService(
  project: string,
  name: string,
  options: AdminStorageOptions = {},
): Promise<void> {
  await withStorage(options, async (storage) => {
    if (!(await removeService(storage.db, (await requireProject(storage, project)).id, name))) {
      throw new ServerError('FB_ERR_NOT_FOUND', `project ${project} has no service ${JSON.stringify(name)}`);
    }
  });
}

export async function addEscalationWebhook(
  project: string,
  url: string,
  options: AdminStorageOptions & { secret?: string } = {},
): Promise<WebhookConfig> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ServerError('FB_ERR_INVALID_WEBHOOK', `${JSON.stringify(url)} is not a URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ServerError('FB_ERR_INVALID_WEBHOOK', `webhook URLs are http or https, got ${parsed.protocol}`);
  }
  return withStorage(options, async (storage) =>
    addWebhook(storage.db, {
      projectId: (await requireProject(storage, project)).id,
      url: parsed.toString(),
      secret: options.secret ?? null,
      events: ['issue.escalated'],
    }),
  );
}

export async function getWebhooks(
  project: string,
  options: AdminStorageOptions = {},
): Promise<WebhookConfig[]> {
  return withStorage(options, async (storage) =>
    listWebhooks(storage.db, (await requireProject(storage, project)).id),
  );
}

export async function deleteWebhook(id: string, options: AdminStorageOptions = {}): Promise<void> {
  await withStorage(options, async (storage) => {
    if (!(await removeWebhook(storage.db, id))) {
      throw new ServerError('FB_ERR_NOT_FOUND', `there is no webhook ${JSON.stringify(id)}`);
    }
  });
}
