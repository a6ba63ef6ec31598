import { extractTableNames } from '../sql/table-names.js';

const SYSTEM_SCHEMAS = new Set(['pg_catalog', 'information_schema']);
const CACHE_LIMIT = 512;
const cache = new Map<string, string[]>();

/**
 * How a PostgreSQL table is named in events and schemas: bare in `public` (the default search
 * path), `schema.table` elsewhere. The catalog lookups and the DDL reader use the same form, so a
 * field's `table` matches the name of its table's DDL.
 */
export function pgTableName(schema: string | undefined, name: string): string {
  return schema === undefined || schema === 'public' ? name : `${schema}.${name}`;
}

/** The user tables a statement names; catalog relations are left out. Cached per statement text. */
export function pgTablesIn(statement: string): string[] {
  let tables = cache.get(statement);
  if (tables) return tables;
  tables = extractTableNames(statement)
    .filter((ref) =>
      ref.schema === undefined ? !ref.name.startsWith('pg_') : !SYSTEM_SCHEMAS.has(ref.schema),
    )
    .map((ref) => pgTableName(ref.schema, ref.name));
  // Statements with inlined values never repeat; a full cache starts over rather than growing.
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(statement, tables);
  return tables;
}
