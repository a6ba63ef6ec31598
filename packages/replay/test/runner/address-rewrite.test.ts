import { describe, expect, it } from 'vitest';
import { rewriteEnv } from '../../src/runner/address-rewrite.js';

const move = (fromHost: string, fromPort: number, toPort: number) => ({
  from: { host: fromHost, port: fromPort },
  to: { host: '127.0.0.1', port: toPort },
});

describe('rewriteEnv', () => {
  it('points URLs and bare host:port values at the stand-in', () => {
    const { env, changed } = rewriteEnv(
      {
        DATABASE_URL: 'postgres://app:secret@db.internal:5432/shop?sslmode=disable',
        PG_HOSTPORT: 'db.internal:5432',
        REDIS_URL: 'redis://127.0.0.1:6379/2',
        OTHER: 'db.internal:54321',
      },
      [move('db.internal', 5432, 40001), move('127.0.0.1', 6379, 40002)],
      [],
    );
    expect(env).toEqual({
      DATABASE_URL: 'postgres://app:secret@127.0.0.1:40001/shop?sslmode=disable',
      PG_HOSTPORT: '127.0.0.1:40001',
      REDIS_URL: 'redis://127.0.0.1:40002/2',
      OTHER: 'db.internal:54321',
    });
    expect(changed.sort()).toEqual(['DATABASE_URL', 'PG_HOSTPORT', 'REDIS_URL']);
  });

  it("fills in the scheme's default port when the URL leaves it out", () => {
    const { env } = rewriteEnv(
      {
        GATEWAY: 'https://api.gateway.test/v1',
        PG: 'postgresql://db.internal/shop',
        NOT: 'https://api.gateway.testing/',
      },
      [move('api.gateway.test', 443, 40003), move('db.internal', 5432, 40004)],
      [],
    );
    expect(env).toEqual({
      GATEWAY: 'https://127.0.0.1:40003/v1',
      PG: 'postgresql://127.0.0.1:40004/shop',
      NOT: 'https://api.gateway.testing/',
    });
  });

  it('treats localhost and 127.0.0.1 as the same recorded host', () => {
    const { env } = rewriteEnv(
      { A: 'http://localhost:9000/x', B: 'redis://localhost:9000' },
      [move('127.0.0.1', 9000, 40005)],
      [],
    );
    expect(env).toEqual({ A: 'http://127.0.0.1:40005/x', B: 'redis://127.0.0.1:40005' });
  });

  it('moves recorded SQLite paths, leaving other values alone', () => {
    const { env, changed } = rewriteEnv(
      { ORDERS_DB: '/var/lib/app/orders.db', LOG: '/var/log/app.log' },
      [],
      [{ from: '/var/lib/app/orders.db', to: '/tmp/work/sqlite/0/orders.db' }],
    );
    expect(env).toEqual({ ORDERS_DB: '/tmp/work/sqlite/0/orders.db', LOG: '/var/log/app.log' });
    expect(changed).toEqual(['ORDERS_DB']);
  });
});
