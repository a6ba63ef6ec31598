/**
 * The parts of `pg` (node-postgres 8) the integration touches, as structural types: the SDK never
 * imports `pg` itself, at runtime or for its published types.
 */

/** A column of a RowDescription message (`result.fields`). */
export interface PgFieldDescription {
  name: string;
  tableID: number;
  columnID: number;
  dataTypeID: number;
  format?: string;
}

/** `pg.Result`: one statement's outcome. */
export interface PgResult {
  command: string | null;
  rowCount: number | null;
  rows: unknown[];
  fields: PgFieldDescription[];
}

/** `client.connectionParameters`, resolved from config, URL and PG* environment variables. */
export interface PgConnectionParameters {
  user?: string;
  database?: string;
  port?: number | string;
  host?: string;
  password?: unknown;
  ssl?: unknown;
  options?: string;
  client_encoding?: string;
}

/** A query object the client runs as is (`pg.Query`, pg-cursor, pg-query-stream). */
export interface PgSubmittable {
  submit: (connection: unknown) => unknown;
  text?: string;
  values?: unknown;
  name?: string;
  handleRowDescription?: (message: { fields: PgFieldDescription[] }) => unknown;
  handleDataRow?: (message: { fields: unknown[] }) => unknown;
  handleCommandComplete?: (message: { text?: string; command?: string }, connection?: unknown) => unknown;
  handleError?: (error: unknown, connection?: unknown) => unknown;
  handleReadyForQuery?: (connection?: unknown) => unknown;
  /** The row parser pg.Query and pg-cursor keep for the statement being read. */
  _result?: { parseRow?: (fields: unknown[]) => unknown };
}

/** `{ text, values, name, rowMode, callback, ... }` as accepted by `client.query`. */
export interface PgQueryConfig {
  text?: string;
  values?: unknown;
  name?: string;
  callback?: unknown;
}

export interface PgClient {
  connectionParameters?: PgConnectionParameters;
  /** The resolved password once connected (it may be configured as a function). */
  password?: unknown;
  connection?: { parsedStatements?: Record<string, string | undefined> };
  connect(): Promise<void>;
  query(text: string, values?: unknown[]): Promise<PgResult>;
  end(): Promise<void>;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  /** Lets the process exit while this client's socket is open (pg ≥ 8.1). */
  unref?(): void;
}

/** Client configuration for the SDK's own metadata connections. */
export interface PgClientConfig {
  user?: string;
  database?: string;
  port?: number;
  host?: string;
  password?: unknown;
  ssl?: unknown;
  options?: string;
  client_encoding?: string;
  application_name?: string;
  connectionTimeoutMillis?: number;
  query_timeout?: number;
  statement_timeout?: number;
  types?: { getTypeParser(oid: number, format?: string): (value: string) => unknown };
}

export type PgClientConstructor = new (config: PgClientConfig) => PgClient;

/** `module.exports` of `pg`. `native` is a lazy getter that loads pg-native: never touch it. */
export interface PgModule {
  Client: PgClientConstructor;
  Pool?: { prototype: object };
}
