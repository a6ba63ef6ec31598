import { describe, expect, it } from 'vitest';
import { recordedEndpoints } from '../../src/runner/recorded-endpoints.js';
import { buildPackage, dbEvent, httpEvent, redisEvent } from './support/package-builder.js';

describe('recordedEndpoints', () => {
  it('collects every dependency from the timeline, the DDL and the configuration', () => {
    const pkg = buildPackage({
      runtime: {
        ...buildPackage().runtime,
        env: {
          PORT: '3000',
          DATABASE_URL: 'postgres://app@db.internal:5432/shop',
          CACHE_URL: 'redis://cache.internal:6380/3',
          S3_ENDPOINT: 'http://s3.internal:9000',
        },
      },
      timeline: [
        dbEvent(0, 'SELECT 1', 'postgresql://app@db.internal:5432/shop'),
        dbEvent(1, 'SELECT 2', '/var/lib/app/orders.db'),
        redisEvent(2, 'GET', 'cache.internal:6380/3'),
        httpEvent(3, 'POST', 'https://api.gateway.test/v1/charges'),
      ],
      schemas: [{ system: 'sqlite', database: '/var/lib/app/audit.db', tables: [] }],
    });
    const endpoints = recordedEndpoints(pkg);
    expect(endpoints.postgres).toEqual([
      { host: 'db.internal', port: 5432, database: 'postgresql://app@db.internal:5432/shop', recorded: true },
    ]);
    expect(endpoints.sqlite.sort()).toEqual(['/var/lib/app/audit.db', '/var/lib/app/orders.db']);
    expect(endpoints.redis).toEqual([{ host: 'cache.internal', port: 6380, db: 3, recorded: true }]);
    expect(endpoints.http).toEqual([{ protocol: 'https', host: 'api.gateway.test', port: 443 }]);
    expect(endpoints.hostNames).toEqual(['api.gateway.test', 'cache.internal', 'db.internal', 's3.internal']);
  });

  it('knows servers from the configuration alone, which the app connects to at startup', () => {
    const pkg = buildPackage({
      runtime: {
        ...buildPackage().runtime,
        env: { DATABASE_URL: 'postgres://127.0.0.1:40187/x', REDIS_URL: 'redis://127.0.0.1:37387' },
      },
    });
    const endpoints = recordedEndpoints(pkg);
    expect(endpoints.postgres).toEqual([
      { host: '127.0.0.1', port: 40187, database: 'postgres://127.0.0.1:40187/x', recorded: false },
    ]);
    expect(endpoints.redis).toEqual([{ host: '127.0.0.1', port: 37387, db: 0, recorded: false }]);
    expect(endpoints.hostNames).toEqual([]);
  });
});
