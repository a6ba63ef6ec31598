/**
 * Which listeners the stubs need and what each serves. Bound at recorded addresses (inside a
 * sandbox whose /etc/hosts sends every recorded host name to loopback), origins that share a port
 * share one listener and are told apart by the Host header; on ephemeral ports every origin and
 * every Redis server gets its own. Pure.
 */
import { isIP } from 'node:net';
import type { RedisEvent } from '@flashback/protocol/types';
import type { HttpRoute } from './http-decide.js';
import { neverConnected } from './http-reply.js';
import { RecordedQueue } from './recorded-queue.js';
import type { RedisDbQueue } from './redis-decide.js';
import type { RedisStubPlan, StartStubsOptions } from './stub-types.js';

/** One HTTP(S) listener to open. */
export interface HttpListenerLayout {
  bindHost: string;
  /** 0: any free port. */
  port: number;
  routes: HttpRoute[];
  /** Every recorded call to these origins was refused: nothing may listen here. */
  refusing: boolean;
}

/** One Redis listener to open. */
export interface RedisListenerLayout {
  bindHost: string;
  port: number;
  plans: RedisStubPlan[];
  queues: RedisDbQueue[];
  /** `host:port` as recorded, for divergences. */
  server: string;
}

type Bind = StartStubsOptions['bind'];

/**
 * The address to bind for a recorded host: an IP address as recorded (the sandbox assigns it),
 * loopback for host names (they resolve to loopback in the sandbox) and for ephemeral binding.
 */
export function bindHostFor(host: string, bind: Bind): string {
  if (bind === 'ephemeral') return '127.0.0.1';
  return isIP(host) ? host : '127.0.0.1';
}

/** The HTTP(S) listeners for `routes`, with which listeners must stay closed (refusing). */
export function layoutHttp(routes: readonly HttpRoute[], bind: Bind): HttpListenerLayout[] {
  const groups = new Map<string, HttpListenerLayout>();
  routes.forEach((route, index) => {
    const bindHost = bindHostFor(route.plan.host, bind);
    const key = bind === 'ephemeral' ? String(index) : `${bindHost} ${route.plan.port}`;
    const group = groups.get(key);
    if (group) group.routes.push(route);
    else
      groups.set(key, {
        bindHost,
        port: bind === 'ephemeral' ? 0 : route.plan.port,
        routes: [route],
        refusing: false,
      });
  });
  for (const group of groups.values()) {
    group.refusing = group.routes.every(
      (route) => route.plan.exchanges.length > 0 && route.plan.exchanges.every(neverConnected),
    );
  }
  return [...groups.values()];
}

/** The Redis listeners for `plans`, each with one queue per recorded database. */
export function layoutRedis(plans: readonly RedisStubPlan[], bind: Bind): RedisListenerLayout[] {
  const groups = new Map<string, RedisListenerLayout>();
  for (const plan of plans) {
    const bindHost = bindHostFor(plan.host, bind);
    const key = bind === 'ephemeral' ? `${plan.host} ${plan.port}` : `${bindHost} ${plan.port}`;
    const group = groups.get(key);
    if (group) group.plans.push(plan);
    else
      groups.set(key, {
        bindHost,
        port: bind === 'ephemeral' ? 0 : plan.port,
        plans: [plan],
        queues: [],
        server: `${plan.host}:${plan.port}`,
      });
  }
  for (const group of groups.values()) group.queues = dbQueues(group.plans);
  return [...groups.values()];
}

/**
 * One queue per database. Servers that end up on one listener (two recorded hosts on one port)
 * cannot be told apart on the wire, so their commands on the same database share a queue.
 */
function dbQueues(plans: readonly RedisStubPlan[]): RedisDbQueue[] {
  const byDb = new Map<number, { events: RedisEvent[]; servers: string[] }>();
  for (const plan of plans) {
    const entry = byDb.get(plan.db) ?? { events: [], servers: [] };
    entry.events.push(...plan.commands);
    entry.servers.push(`${plan.host}:${plan.port}/${plan.db}`);
    byDb.set(plan.db, entry);
  }
  return [...byDb].map(([db, { events, servers }]) => ({
    db,
    queue: new RecordedQueue(events),
    service: `redis ${servers.join(', ')}`,
  }));
}
