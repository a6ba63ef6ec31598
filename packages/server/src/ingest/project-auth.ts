import type { Kysely } from 'kysely';
import { ServerError } from '../app/server-errors.js';
import { storageCall } from '../app/storage-unavailable.js';
import type { Database } from '../storage/database-types.js';
import { projectNameProblem } from '../storage/project-name.js';
import { findProjectByName, type ProjectRecord } from '../storage/project-store.js';
import { hashesEqual, hashSecret } from '../storage/secret-hash.js';

interface CacheEntry {
  project: ProjectRecord;
  expiresAt: number;
}

/**
 * Checks ingest keys. Projects are cached for a few seconds so a busy collector does not read the
 * projects table on every request, while a rotated key still takes effect quickly everywhere.
 */
export class ProjectAuthenticator {
  private readonly cache = new Map<string, CacheEntry>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly ttlMs = 5_000,
  ) {}

  /** The project when `key` is its ingest key; a 401, 403 or 404 `ServerError` otherwise. */
  async authenticate(projectName: string, key: string | undefined): Promise<ProjectRecord> {
    if (key === undefined || key === '') {
      throw new ServerError(
        'FB_ERR_MISSING_KEY',
        'send the project ingest key in the x-flashback-key header',
      );
    }
    // A name no project can have needs no database round trip to be refused.
    const project = projectNameProblem(projectName) ? undefined : await this.lookup(projectName);
    if (!project) {
      throw new ServerError(
        'FB_ERR_UNKNOWN_PROJECT',
        `there is no project ${JSON.stringify(projectName)}; create it with \`flashback projects create <name>\``,
      );
    }
    if (!hashesEqual(hashSecret(key), project.ingestKeyHash)) {
      throw new ServerError('FB_ERR_INVALID_KEY', `the ingest key is not the key of project ${project.name}`);
    }
    return project;
  }

  /** Forgets cached projects, e.g. after a key rotation in this process. */
  invalidate(projectName?: string): void {
    if (projectName === undefined) this.cache.clear();
    else this.cache.delete(projectName);
  }

  private async lookup(name: string): Promise<ProjectRecord | undefined> {
    const now = performance.now();
    const cached = this.cache.get(name);
    if (cached && cached.expiresAt > now) return cached.project;
    const project = await storageCall('look up the project', () => findProjectByName(this.db, name));
    if (project) this.cache.set(name, { project, expiresAt: now + this.ttlMs });
    else this.cache.delete(name);
    return project;
  }
}
