import { DEFAULT_HOST, DEFAULT_PORT } from '../config/server-options.js';
import { projectNameProblem } from '../storage/project-name.js';
import {
  findProjectByName,
  insertProject,
  insertToken,
  updateIngestKeyHash,
} from '../storage/project-store.js';
import { generateSecret, hashSecret } from '../storage/secret-hash.js';
import { type AdminStorageOptions, requireProject, withStorage } from './admin-storage.js';
import { ServerError } from './server-errors.js';

export interface ProjectAdminOptions extends AdminStorageOptions {
  /** Collector base URL for the DSN. Default `http://127.0.0.1:4700`. */
  publicUrl?: string;
}

/** A new project and its secrets. The key and token are shown once; only their hashes are kept. */
export interface CreatedProject {
  name: string;
  ingestKey: string;
  /** `http://<key>@host:port/<project>`, for the SDK's `FLASHBACK_DSN`. */
  dsn: string;
  /** Reads this project through the query API (`authorization: Bearer <token>`). */
  readToken: string;
}

/**
 * Creates a project with a fresh ingest key and a read token, for `flashback projects create`.
 *
 * @example
 * const { dsn, readToken } = await createProject('checkout', { dataDir: './.flashback' });
 */
export async function createProject(
  name: string,
  options: ProjectAdminOptions = {},
): Promise<CreatedProject> {
  const problem = projectNameProblem(name);
  if (problem)
    throw new ServerError(
      'FB_ERR_INVALID_PROJECT_NAME',
      `cannot create project ${JSON.stringify(name)}: ${problem}`,
    );
  return withStorage(options, async (storage) => {
    if (await findProjectByName(storage.db, name)) {
      throw new ServerError('FB_ERR_PROJECT_EXISTS', `project ${JSON.stringify(name)} exists already`);
    }
    const ingestKey = generateSecret('fbk');
    const readToken = generateSecret('fbt');
    await storage.db.transaction().execute(async (trx) => {
      const project = await insertProject(trx, { name, ingestKeyHash: hashSecret(ingestKey) });
      await insertToken(trx, {
        projectId: project.id,
        name: `${name} read`,
        tokenHash: hashSecret(readToken),
      });
    });
    return { name, ingestKey, dsn: buildDsn(options.publicUrl, ingestKey, name), readToken };
  });
}

/**
 * A read token for one project, or for every project when `project` is omitted (for the web UI).
 */
export async function createReadToken(
  options: ProjectAdminOptions & { project?: string; name?: string } = {},
): Promise<string> {
  return withStorage(options, async (storage) => {
    let projectId: string | null = null;
    if (options.project !== undefined) {
      projectId = (await requireProject(storage, options.project)).id;
    }
    const token = generateSecret('fbt');
    await insertToken(storage.db, {
      projectId,
      name: options.name ?? (options.project ? `${options.project} read` : 'all projects read'),
      tokenHash: hashSecret(token),
    });
    return token;
  });
}

/** Replaces a project's ingest key; the old key stops working within a few seconds. */
export async function rotateIngestKey(
  name: string,
  options: ProjectAdminOptions = {},
): Promise<{ ingestKey: string; dsn: string }> {
  return withStorage(options, async (storage) => {
    const project = await requireProject(storage, name);
    const ingestKey = generateSecret('fbk');
    await updateIngestKeyHash(storage.db, project.id, hashSecret(ingestKey));
    return { ingestKey, dsn: buildDsn(options.publicUrl, ingestKey, name) };
  });
}

function buildDsn(publicUrl: string | undefined, key: string, project: string): string {
  const url = new URL(publicUrl ?? `http://${DEFAULT_HOST}:${DEFAULT_PORT}`);
  url.username = key;
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/${project}`;
  return url.toString();
}
