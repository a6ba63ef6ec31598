import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './001-initial.js';
import * as services from './002-services.js';
import * as verifications from './003-verifications.js';
import * as issueNotes from './004-issue-notes.js';
import * as tracing from './005-tracing.js';

/**
 * Migrations in order. Imported statically rather than read from a folder, so they travel inside
 * the build and run the same from `dist`, a bundle or a test.
 */
const MIGRATIONS: Record<string, Migration> = {
  '001-initial': initial,
  '002-services': services,
  '003-verifications': verifications,
  '004-issue-notes': issueNotes,
  '005-tracing': tracing,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
