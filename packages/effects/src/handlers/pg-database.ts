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
  options?: { host?: string; port?: number; database?: string; user?: string };
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

function describeConnection(options: PgQueryable['options']): string {
  const host = options?.host ?? 'localhost';
  const port = options?.port ?? 5432;
  return `postgresql://${options?.user ? `${options.user}@` : ''}${host}:${port}/${options?.database ?? ''}`;
}
