import type { PgClient, PgClientConfig, PgConnectionParameters } from './types.js';

/**
 * The `database` of a pg event: `postgresql://user@host:port/name`, never with the password. A
 * Unix socket directory as host is percent-encoded, as libpq URLs do.
 */
export function pgDatabaseKey(params: PgConnectionParameters): string {
  const user = encodeURIComponent(params.user ?? '');
  const rawHost = params.host ?? 'localhost';
  const host = rawHost.includes('/')
    ? encodeURIComponent(rawHost)
    : rawHost.includes(':')
      ? `[${rawHost}]`
      : rawHost;
  const database = encodeURIComponent(params.database ?? '');
  return `postgresql://${user}@${host}:${params.port ?? 5432}/${database}`;
}

/** Every value as the text PostgreSQL sent, whatever type parsers the app installed. */
const TEXT_TYPES: PgClientConfig['types'] = { getTypeParser: () => (value: string) => value };

/**
 * Connection settings for the SDK's own catalog connection: the app client's server, user,
 * database, password, TLS and startup options, plus short timeouts and a recognisable
 * application_name.
 */
export function metadataClientConfig(client: PgClient, params: PgConnectionParameters): PgClientConfig {
  const config: PgClientConfig = {
    application_name: 'flashback-schema-reader',
    connectionTimeoutMillis: 5000,
    statement_timeout: 5000,
    query_timeout: 10_000,
    types: TEXT_TYPES,
  };
  if (params.user !== undefined) config.user = params.user;
  if (params.database !== undefined) config.database = params.database;
  if (params.host !== undefined) config.host = params.host;
  if (params.port !== undefined) config.port = Number(params.port);
  // The client holds the resolved password once connected; it may be configured as a function.
  const password = client.password ?? params.password;
  if (password !== undefined && password !== null) config.password = password;
  if (params.ssl !== undefined) config.ssl = params.ssl;
  if (params.options !== undefined) config.options = params.options;
  if (params.client_encoding !== undefined) config.client_encoding = params.client_encoding;
  return config;
}
