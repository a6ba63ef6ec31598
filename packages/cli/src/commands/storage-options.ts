/** The options every command that opens the collector's database takes. */
import type { AdminStorageOptions } from '@flashback/server';
import type { OptionSpec, OptionValue } from '../command-types.js';

export const STORAGE_OPTIONS = {
  data: {
    kind: 'string',
    value: '<dir>',
    description: 'directory of the embedded database and local state',
    defaultText: './.flashback',
  },
  database: {
    kind: 'string',
    value: '<url>',
    description: 'sqlite:<file> or postgres://user:pass@host:port/db',
    defaultText: 'sqlite:<data>/flashback.db',
  },
} as const satisfies Record<string, OptionSpec>;

export function storageOptionsOf(options: Record<string, OptionValue>): AdminStorageOptions {
  const chosen: AdminStorageOptions = {};
  if (typeof options.data === 'string') chosen.dataDir = options.data;
  if (typeof options.database === 'string') chosen.database = options.database;
  return chosen;
}
