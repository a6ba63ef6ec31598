/**
 * Every dependency a package shows the app talking to, and where: from the timeline (db, http and
 * redis events), the captured DDL, and URLs in the recorded configuration. The configuration
 * matters because an app connects at startup to servers a failing request may never have used
 * (a PostgreSQL pool, a Redis client); those must answer too, or the app does not start.
 */
import type { ErrorPackage } from '@flashback/protocol/types';

export interface HostPort {
  host: string;
  port: number;
}

export interface PostgresEndpoint extends HostPort {
  /** As on the db events (`postgresql://user@host:port/name`), or the configuration's URL. */
  database: string;
  /** Whether any recorded event or DDL names this database (else it is known from configuration only). */
  recorded: boolean;
}

export interface RedisEndpoint extends HostPort {
  db: number;
  recorded: boolean;
}

export interface HttpEndpoint extends HostPort {
  protocol: 'http' | 'https';
}

export interface RecordedEndpoints {
  postgres: PostgresEndpoint[];
  /** SQLite database files, as recorded. */
  sqlite: string[];
  redis: RedisEndpoint[];
  http: HttpEndpoint[];
  /** Host names (not addresses) of every dependency, for the sandbox's `/etc/hosts`. */
  hostNames: string[];
}

const DEFAULT_PORTS: Record<string, number> = {
  'postgres:': 5432,
  'postgresql:': 5432,
  'redis:': 6379,
  'rediss:': 6379,
  'http:': 80,
  'https:': 443,
};

/** Pure: reads the package only. */
export function recordedEndpoints(pkg: ErrorPackage): RecordedEndpoints {
  const postgres = new Map<string, PostgresEndpoint>();
  const redis = new Map<string, RedisEndpoint>();
  const http = new Map<string, HttpEndpoint>();
  const sqlite = new Set<string>();
  const names = new Set<string>();

  const addPostgres = (database: string, recorded: boolean): void => {
    const address = parseUrlAddress(database);
    if (address === undefined) return;
    names.add(address.host);
    const key = `${address.host}:${address.port}`;
    if (!postgres.has(key) || (recorded && !postgres.get(key)?.recorded))
      postgres.set(key, { ...address, database, recorded });
  };
  const addRedis = (address: HostPort, db: number, recorded: boolean): void => {
    names.add(address.host);
    const key = `${address.host}:${address.port}`;
    if (!redis.has(key) || (recorded && !redis.get(key)?.recorded))
      redis.set(key, { ...address, db, recorded });
  };

  for (const schema of pkg.schemas) {
    if (schema.system === 'sqlite') sqlite.add(schema.database);
    else addPostgres(schema.database, true);
  }
  for (const event of pkg.timeline) {
    if (event.type === 'db') {
      if (event.system === 'sqlite') sqlite.add(event.database);
      else addPostgres(event.database, true);
    } else if (event.type === 'redis' && event.server !== undefined) {
      const server = parseRedisServer(event.server);
      if (server !== undefined) addRedis(server, server.db, true);
    } else if (event.type === 'http') {
      const address = parseUrlAddress(event.url);
      if (address === undefined) continue;
      names.add(address.host);
      const protocol = event.url.startsWith('https:') ? 'https' : 'http';
      http.set(`${protocol}://${address.host}:${address.port}`, { ...address, protocol });
    }
  }
  for (const value of Object.values(pkg.runtime.env)) {
    const scheme = /^([a-z][a-z0-9+.-]*:)\/\//i.exec(value)?.[1]?.toLowerCase();
    if (scheme === undefined || !(scheme in DEFAULT_PORTS)) continue;
    if (scheme.startsWith('postgres')) addPostgres(value, false);
    else if (scheme.startsWith('redis')) {
      const address = parseUrlAddress(value);
      const db = Number(new URL(value).pathname.slice(1) || 0);
      if (address !== undefined) addRedis(address, Number.isInteger(db) ? db : 0, false);
    } else {
      const address = parseUrlAddress(value);
      if (address !== undefined) names.add(address.host);
    }
  }
  return {
    postgres: [...postgres.values()],
    sqlite: [...sqlite],
    redis: [...redis.values()],
    http: [...http.values()],
    hostNames: [...names].filter(isHostName).sort(),
  };
}

/** `host` and `port` of a URL, with the scheme's default port; undefined when it is not a URL. */
export function parseUrlAddress(value: string): HostPort | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = url.port === '' ? DEFAULT_PORTS[url.protocol] : Number(url.port);
  if (host === '' || port === undefined) return undefined;
  return { host, port };
}

/** A redis event's `server`: `host:port/db`, the host possibly an IPv6 address in brackets. */
function parseRedisServer(server: string): (HostPort & { db: number }) | undefined {
  const match = /^\[?([^\]]+?)\]?:(\d+)(?:\/(\d+))?$/.exec(server);
  if (match === null) return undefined;
  return { host: match[1] ?? '', port: Number(match[2]), db: Number(match[3] ?? 0) };
}

// What the sandbox's /etc/hosts accepts; a configuration value with anything stranger is not
// a host the app can resolve anyway.
const HOST_NAME =
  /^[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*$/;

function isHostName(host: string): boolean {
  return host !== 'localhost' && !/^[\d.]+$/.test(host) && HOST_NAME.test(host);
}
