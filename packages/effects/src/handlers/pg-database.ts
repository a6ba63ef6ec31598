/** PostgreSQL through `pg` (a Pool or a Client), typed structurally: the library never imports pg. */
import type { SqlRows } from '../commands/sql.js';
import type { SqlDatabase } from './sql-handler.js';

/** The part of a pg Pool or Client the handler uses. */
export interface PgQueryable {
  query(
    sql: string,
    params?: unknown[],
  ): Promise<{
    rows: Record<string, unknown>[];
    rowCount: number | null;
    command: string;
    fields: { name: string; dataTypeID: number; tableID: number; columnID: number }[];
  }>;
  options?: { connectionString?: string; host?: string; port?: number; database?: string; user?: string };
}

export function pgDatabase(client: PgQueryable, name?: string): SqlDatabase {
  return {
    system: 'postgresql',
    name: name ?? describeConnection(client.options),
    async query(sql, params): Promise<SqlRows> {
      const result = await client.query(sql, [...params]);
      return {
        rows: result.rows,
        rowCount: result.rowCount,
        command: result.command,
        fields: result.fields.map((f) => ({ name: f.name, dataTypeId: f.dataTypeID })),
      };
    },
  };
}

/** `postgresql://user@host:port/name`, from the options or the connection string, never with the password. */
function describeConnection(options: PgQueryable['options']): string {
  if (options?.connectionString) {
    try {
      const url = new URL(options.connectionString);
      const user = url.username ? `${decodeURIComponent(url.username)}@` : '';
      return `postgresql://${user}${url.hostname}:${url.port || 5432}${url.pathname}`;
    } catch {
      // not a URL (a libpq keyword string): fall back to the separate options
    }
  }
  const host = options?.host ?? 'localhost';
  const port = options?.port ?? 5432;
  return `postgresql://${options?.user ? `${options.user}@` : ''}${host}:${port}/${options?.database ?? ''}`;
}
