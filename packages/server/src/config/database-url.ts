import path from 'node:path';
import { ServerError } from '../app/server-errors.js';

/** Where the data lives: an embedded SQLite file, or a PostgreSQL server shared by several collectors. */
export type DatabaseTarget = { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; url: string };

/** File name of the embedded database inside the data directory. */
export const SQLITE_FILE_NAME = 'flashback.db';

/**
 * Reads the `--database` option: `sqlite:<file>` (or `sqlite::memory:`), `postgres://…` /
 * `postgresql://…`; absent means the embedded default, `<dataDir>/flashback.db`.
 *
 * @example
 * parseDatabaseTarget(undefined, './.flashback'); // { dialect: 'sqlite', file: '.flashback/flashback.db' }
 */
export function parseDatabaseTarget(database: string | undefined, dataDir: string): DatabaseTarget {
  if (database === undefined || database === '') {
    return { dialect: 'sqlite', file: path.join(dataDir, SQLITE_FILE_NAME) };
  }
  if (/^postgres(ql)?:\/\//i.test(database)) return { dialect: 'postgres', url: database };
  const sqlite = /^sqlite:(?:\/\/)?(.+)$/i.exec(database);
  if (sqlite?.[1]) return { dialect: 'sqlite', file: sqlite[1] };
  throw new ServerError(
    'FB_ERR_INVALID_DATABASE',
    `cannot use database ${JSON.stringify(redactUrl(database))}: expected sqlite:<file> or postgres://user@host/db`,
  );
}

/** The target without its password, for messages and logs. */
export function describeDatabaseTarget(target: DatabaseTarget): string {
  return target.dialect === 'sqlite' ? `sqlite:${target.file}` : redactUrl(target.url);
}

function redactUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return value;
  }
}
