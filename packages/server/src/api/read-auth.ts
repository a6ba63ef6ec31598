import type { Kysely } from 'kysely';
import { ServerError } from '../app/server-errors.js';
import { storageCall } from '../app/storage-unavailable.js';
import type { Database } from '../storage/database-types.js';
import {
  findProjectByName,
  findTokenByHash,
  type ProjectRecord,
  type TokenRecord,
} from '../storage/project-store.js';
import { hashSecret } from '../storage/secret-hash.js';

interface Cached<T> {
  value: T;
  expiresAt: number;
}

/**
 * Read access: `authorization: Bearer <token>`. A token belongs to one project or, without a
 * project, reads them all. Lookups are cached briefly; a revoked token stops working within the TTL.
 */
export class ReadAuthorizer {
  private readonly tokens = new Map<string, Cached<TokenRecord>>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly ttlMs = 5_000,
  ) {}

  /** The token behind an `authorization` header, or a 401. */
  async authenticate(header: string | undefined): Promise<TokenRecord> {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
    if (!match?.[1]) {
      throw new ServerError('FB_ERR_MISSING_TOKEN', 'send a read token as `authorization: Bearer <token>`');
    }
    const hash = hashSecret(match[1]);
    const now = performance.now();
    const cached = this.tokens.get(hash);
    if (cached && cached.expiresAt > now) return cached.value;
    const token = await storageCall('check the token', () => findTokenByHash(this.db, hash));
    if (!token) {
      this.tokens.delete(hash);
      throw new ServerError('FB_ERR_INVALID_TOKEN', 'the read token is not known to this collector');
    }
    this.tokens.set(hash, { value: token, expiresAt: now + this.ttlMs });
    return token;
  }

  /** The project named in the path when `token` may read it; 403 or 404 otherwise. */
  async project(token: TokenRecord, name: string): Promise<ProjectRecord> {
    const project = await storageCall('look up the project', () => findProjectByName(this.db, name));
    if (project && (token.projectId === null || token.projectId === project.id)) return project;
    if (!project && token.projectId === null) {
      throw new ServerError('FB_ERR_NOT_FOUND', `there is no project ${JSON.stringify(name)}`);
    }
    // A project-scoped token learns nothing about other projects, not even whether they exist.
    throw new ServerError('FB_ERR_FORBIDDEN', `this token cannot read project ${JSON.stringify(name)}`);
  }
}
