import type { Kysely } from 'kysely';
import type { Database } from '../storage/database-types.js';
import { listIssueFingerprints } from '../storage/issue-store.js';

/**
 * The issue fingerprints of each project, loaded once and kept in memory for inline tier-1 triage.
 * It may run ahead of the database (a fingerprint added before its transaction commits) or behind
 * it (an issue another collector created); the ingest transaction checks the truth and triages
 * again when the cache was wrong, so the cache only has to be usually right.
 */
export class KnownFingerprints {
  private readonly projects = new Map<string, Promise<Set<string>>>();

  constructor(private readonly db: Kysely<Database>) {}

  forProject(projectId: string): Promise<Set<string>> {
    let known = this.projects.get(projectId);
    if (!known) {
      known = listIssueFingerprints(this.db, projectId).then((list) => new Set(list));
      // A failed load is retried by the next request rather than cached.
      known.catch(() => this.projects.delete(projectId));
      this.projects.set(projectId, known);
    }
    return known;
  }
}
