import type { SchemaReader } from '../../capture/schema-registry.js';
import { metadataClientConfig, pgDatabaseKey } from './connection-info.js';
import { createPgDdlReader } from './ddl-reader.js';
import { MetadataConnection } from './metadata-connection.js';
import { TableCatalog } from './table-catalog.js';
import type { PgClient, PgClientConstructor } from './types.js';

/** What the integration keeps per database: its event key, names catalog and DDL reader. */
export interface PgDatabase {
  key: string;
  catalog: TableCatalog;
  reader: SchemaReader;
}

const byKey = new Map<string, PgDatabase>();
const byClient = new WeakMap<object, PgDatabase>();

/**
 * The database a client talks to. The first client seen for a database lends its connection
 * parameters (not itself: the SDK's catalog connection is a separate `Client` of the same class),
 * so pooled clients and later clients share one catalog and one reader.
 */
export function pgDatabaseOf(client: PgClient, Client: PgClientConstructor): PgDatabase | undefined {
  const cached = byClient.get(client);
  if (cached) return cached;
  const params = client.connectionParameters;
  if (!params) return undefined;
  const key = pgDatabaseKey(params);
  let database = byKey.get(key);
  if (!database) {
    const config = metadataClientConfig(client, params);
    const connection = new MetadataConnection(() => new Client(config));
    const catalog = new TableCatalog(connection);
    database = { key, catalog, reader: createPgDdlReader(connection, catalog) };
    byKey.set(key, database);
  }
  byClient.set(client, database);
  return database;
}
