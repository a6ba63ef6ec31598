/**
 * The Redis startup front with a real ioredis client: startup commands are answered without
 * touching the recording; once armed, the client reconnects on its own and gets the recorded
 * replies from the stub.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { RedisStartupFront } from '../../src/runner/redis-startup-front.js';
import { startStubs } from '../../src/stubs/index.js';
import { redisEvent } from './support/package-builder.js';

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

describe('RedisStartupFront', () => {
  it('answers startup commands itself, then hands the client over to the recording', async () => {
    const workDir = await mkdtemp(join(tmpdir(), 'front-'));
    closers.push(() => rm(workDir, { recursive: true, force: true }));
    const recorded = {
      ...redisEvent(0, 'GET', '127.0.0.1:6379/0'),
      args: ['cart:42'],
      reply: 'recorded-cart',
    };
    const stubs = await startStubs(
      { http: [], redis: [{ host: '127.0.0.1', port: 6379, db: 0, commands: [recorded] }] },
      { bind: 'ephemeral', workDir },
    );
    closers.push(() => stubs.close());
    const stub = stubs.endpoints[0]!;
    const front = await RedisStartupFront.listen({ host: '127.0.0.1', port: 0 }, stub.bound);
    closers.push(() => front.close());

    const client = new Redis({
      host: '127.0.0.1',
      port: front.address.port,
      connectionName: 'app',
      maxRetriesPerRequest: 1,
    });
    closers.push(async () => client.disconnect());
    expect(await client.set('seeded', '1', 'NX')).toBe('OK');
    expect(await client.rpush('tokens', 'a', 'b', 'c')).toBe(3);
    expect(await client.get('anything')).toBeNull();
    expect(front.startupCommands).toEqual(['SET', 'RPUSH', 'GET']);

    front.arm();
    expect(await client.get('cart:42')).toBe('recorded-cart');
    await stubs.close();
    // Startup commands never reached the stub: no divergence, and the recording was used up.
    expect(stubs.divergences()).toEqual([]);
  });
});
