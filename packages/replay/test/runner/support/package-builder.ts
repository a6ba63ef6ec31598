/** Small, valid error packages for the runner's unit tests. */
import type { ErrorPackage, TimelineEvent } from '@flashback/protocol/types';

type Db = Extract<TimelineEvent, { type: 'db' }>;
type Http = Extract<TimelineEvent, { type: 'http' }>;
type Redis = Extract<TimelineEvent, { type: 'redis' }>;

const base = { startOffsetMs: 1, durationMs: 1, outcome: 'ok' as const };

export function dbEvent(
  seq: number,
  statement: string,
  database = 'postgresql://app@127.0.0.1:5432/shop',
): Db {
  return {
    ...base,
    seq,
    type: 'db',
    system: database.startsWith('postgres') ? 'postgresql' : 'sqlite',
    database,
    statement,
    params: [],
  };
}

export function httpEvent(seq: number, method: string, url: string): Http {
  return { ...base, seq, type: 'http', method, url, requestHeaders: {}, status: 200 };
}

export function redisEvent(seq: number, command: string, server = '127.0.0.1:6379/0'): Redis {
  return { ...base, seq, type: 'redis', client: 'ioredis', server, command, args: [] };
}

export function buildPackage(overrides: Partial<ErrorPackage> = {}): ErrorPackage {
  return {
    format: 'flashback.error-package/1',
    id: '0b6f5c1e-4f7a-4d3b-9a59-3c2c9d7e8f10',
    capturedAt: '2025-06-30T10:00:00.100Z',
    sdk: { name: '@flashback/node', version: '0.1.0' },
    service: { name: 'checkout' },
    runtime: {
      nodeVersion: 'v20.19.0',
      platform: 'linux',
      arch: 'x64',
      hostname: 'web-1',
      pid: 1,
      appRoot: '/srv/app',
      env: { PORT: '3000' },
      dependencies: {},
    },
    mechanism: { kind: 'framework', handled: true, framework: 'fastify' },
    trigger: {
      kind: 'http',
      method: 'POST',
      url: '/checkout?x=1',
      headers: {
        host: 'shop.example.com',
        'content-type': 'application/json',
        'content-length': '11',
        connection: 'keep-alive',
      },
      body: {
        contentType: 'application/json',
        encoding: 'utf8',
        data: '{"cart":42}',
        size: 11,
        truncated: false,
      },
      startedAt: '2025-06-30T10:00:00.000Z',
    },
    error: {
      type: 'TypeError',
      message: "Cannot read properties of undefined (reading 'status')",
      frames: [],
    },
    timeline: [],
    schemas: [],
    fingerprint: 'f'.repeat(64),
    redactions: [],
    ...overrides,
  };
}
