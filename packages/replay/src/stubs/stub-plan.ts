/**
 * `planStubs`: what the stubs will serve, derived from an error package alone. Pure.
 */
import type { ErrorPackage, HttpEvent, RedisEvent } from '@flashback/protocol/types';
import { StubError } from './errors.js';
import type { HttpStubPlan, RedisStubPlan, StubPlan } from './stub-types.js';

/** Where a Redis client pointed when the SDK could not tell (the client's own default). */
const DEFAULT_REDIS = { host: 'localhost', port: 6379, db: 0 };

/**
 * Groups the recorded HTTP exchanges by origin and the recorded Redis commands by server, each
 * group in timeline order. S3 calls are HTTP exchanges like any other (they carry `aws`).
 *
 * @example
 * const plan = planStubs(pkg);
 * plan.http.map((h) => h.origin); // ['https://api.payments.example', 'http://127.0.0.1:9000']
 */
export function planStubs(pkg: ErrorPackage): StubPlan {
  const http = new Map<string, HttpStubPlan>();
  const redis = new Map<string, RedisStubPlan>();
  const timeline = [...pkg.timeline].sort((a, b) => a.seq - b.seq);
  for (const event of timeline) {
    if (event.type === 'http') addHttp(http, event);
    else if (event.type === 'redis') addRedis(redis, event);
  }
  return { http: [...http.values()], redis: [...redis.values()] };
}

function addHttp(plans: Map<string, HttpStubPlan>, event: HttpEvent): void {
  const target = parseHttpTarget(event);
  const plan = plans.get(target.origin);
  if (plan) plan.exchanges.push(event);
  else plans.set(target.origin, { ...target, exchanges: [event] });
}

function addRedis(plans: Map<string, RedisStubPlan>, event: RedisEvent): void {
  const server = parseRedisServer(event.server, event.seq);
  const id = `${server.host}:${server.port}/${server.db}`;
  const plan = plans.get(id);
  if (plan) plan.commands.push(event);
  else plans.set(id, { ...server, commands: [event] });
}

function parseHttpTarget(event: HttpEvent): Omit<HttpStubPlan, 'exchanges'> {
  let url: URL;
  try {
    url = new URL(event.url);
  } catch (cause) {
    throw new StubError('FB_STUB_INVALID_EVENT', invalidUrl(event), { cause });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new StubError('FB_STUB_INVALID_EVENT', invalidUrl(event));
  }
  const protocol = url.protocol === 'https:' ? 'https' : 'http';
  return {
    origin: url.origin,
    protocol,
    host: unbracket(url.hostname),
    port: url.port ? Number(url.port) : protocol === 'https' ? 443 : 80,
  };
}

function invalidUrl(event: HttpEvent): string {
  return `http event seq ${event.seq} has url ${JSON.stringify(event.url)}, which is not an absolute http(s) URL; fix or drop the event`;
}

/**
 * Parses a recorded `host:port/db` (IPv6 hosts in brackets). A missing address means the client's
 * defaults, which is also where the app will connect when replayed unchanged.
 */
export function parseRedisServer(
  server: string | undefined,
  seq: number,
): Pick<RedisStubPlan, 'host' | 'port' | 'db'> {
  if (server === undefined || server === '') return { ...DEFAULT_REDIS };
  const match = /^(\[[^\]]+\]|[^:/]+)(?::(\d+))?(?:\/(\d+))?$/.exec(server);
  if (!match?.[1]) {
    throw new StubError(
      'FB_STUB_INVALID_EVENT',
      `redis event seq ${seq} has server ${JSON.stringify(server)}; expected host:port/db`,
    );
  }
  return {
    host: unbracket(match[1]),
    port: match[2] ? Number(match[2]) : DEFAULT_REDIS.port,
    db: match[3] ? Number(match[3]) : DEFAULT_REDIS.db,
  };
}

function unbracket(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}
