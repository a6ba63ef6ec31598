import { connect } from 'node:net';
import { Redis } from 'ioredis';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { createDatabase } from './postgres-database.js';
import { startPostgres } from './postgres-server.js';
import { startRedis } from './redis-server.js';

describe('real PostgreSQL', () => {
  it('starts, accepts a pg connection on 127.0.0.1, and stops so the port refuses', async () => {
    const server = await startPostgres({ database: 'harness_check' });
    expect(server.url).toBe(`postgres://postgres@127.0.0.1:${server.port}/harness_check`);
    const client = new pg.Client(server.url);
    await client.connect();
    const { rows } = await client.query<{ db: string; fsync: string }>(
      "select current_database() as db, current_setting('fsync') as fsync",
    );
    await client.end();
    expect(rows).toEqual([{ db: 'harness_check', fsync: 'off' }]);

    await server.stop();
    await server.stop();
    const after = new pg.Client(server.url);
    await expect(after.connect()).rejects.toThrow(/ECONNREFUSED/);
  });

  it('is provided to every test by the global setup, and createDatabase gives an isolated database', async () => {
    const url = await createDatabase(inject('postgresUrl'));
    const client = new pg.Client(url);
    await client.connect();
    await client.query('create table t (n int)');
    const { rows } = await client.query<{ name: string }>('select current_database() as name');
    await client.end();
    expect(url).toMatch(/\/test_[0-9a-f]{12}$/);
    expect(rows[0]?.name).toBe(new URL(url).pathname.slice(1));
  });
});

describe('real redis-server', () => {
  it('starts, answers ioredis on 127.0.0.1, and stops so the port refuses', async () => {
    const server = await startRedis();
    const redis = new Redis(server.url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    await redis.connect();
    await redis.set('k', 'v');
    expect(await redis.get('k')).toBe('v');
    expect(await redis.config('GET', 'save')).toEqual(['save', '']);
    redis.disconnect();
    await server.stop();

    await expect(connectError(server.port)).resolves.toBe('ECONNREFUSED');
  });

  it('is provided to every test by the global setup', async () => {
    const redis = new Redis(inject('redisUrl'));
    expect(await redis.ping()).toBe('PONG');
    redis.disconnect();
  });
});

function connectError(port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(undefined);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code));
  });
}
