import { parseDatabaseTarget } from '../config/database-url.js';
import { DEFAULT_DATA_DIR } from '../config/server-options.js';
import { openStorage, type Storage } from '../storage/open-storage.js';
import { findProjectByName, type ProjectRecord } from '../storage/project-store.js';
import { ServerError } from './server-errors.js';

/** Where an admin command (`flashback projects …`, `services …`, `webhooks …`) finds the database. */
export interface AdminStorageOptions {
  /** An open storage to use; otherwise one is opened from `database` / `dataDir` and closed again. */
  storage?: Storage;
  database?: string;
  dataDir?: string;
}

export async function withStorage<T>(
  options: AdminStorageOptions,
  use: (storage: Storage) => Promise<T>,
): Promise<T> {
  if (options.storage) return use(options.storage);
  const storage = await openStorage(
    parseDatabaseTarget(options.database, options.dataDir ?? DEFAULT_DATA_DIR),
  );
  try {
    return await use(storage);
  } finally {
    await storage.close();
  }
}

/** @throws ServerError `FB_ERR_NOT_FOUND` naming the project */
export async function requireProject(storage: Storage, name: string): Promise<ProjectRecord> {
  const project = await findProjectByName(storage.db, name);
  if (!project) throw new ServerError('FB_ERR_NOT_FOUND', `there is no project ${JSON.stringify(name)}`);
  return project;
}
