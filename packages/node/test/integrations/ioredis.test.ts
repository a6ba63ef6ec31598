import { type RedisServer, startRedis } from '@flashback-dev/test-harness';
import type { Redis as RedisClient, RedisOptions } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runWithRequestContext } from '../../src/context/request-context.js';
import { uninstallModuleHooks } from '../../src/instrument/module-hook.js';
import { unwrapAll } from '../../src/instrument/wrap.js';
import { ioredisIntegration } from '../../src/integrations/ioredis/index.js';
import {
  barrier,
  commandLines,
  inRequest,
  newRequestContext,
  redisEvents,
  setUpIntegration,
} from './support/redis-capture.js';

let server: RedisServer;
let Redis: new (options: RedisOptions) => RedisClient;
let redis: RedisClient;
const clients: RedisClient[] = [];

function client(options: RedisOptions = {}): RedisClient {
  const created = new Redis({ host: '127.0.0.1', port: server.port, ...options });
  clients.push(created);
  return created;
}

beforeAll(async () => {
  server = await startRedis();
  setUpIntegration(ioredisIntegration());
  // Loaded after setup, as an app preloading the SDK would: the module hook patches it on load.
  Redis = (await import('ioredis')).default as unknown as typeof Redis;
  redis = client();
  await redis.flushall();
});

afterEach(async () => {
  await redis.flushall();
});

afterAll(async () => {
  for (const c of clients) c.disconnect();
  unwrapAll();
  uninstallModuleHooks();
  await server?.stop();
});

describe('ioredis integration', () => {
  it('records GET, SET, HSET, HGETALL and DEL with args, replies and the server', async () => {
    const context = await inRequest(async () => {
      await redis.set('user:1', 'ada');
      await redis.get('user:1');
      await redis.hset('cart:1', 'sku', 'A-1', 'qty', '2');
      await redis.hgetall('cart:1');
      await redis.del('user:1', 'cart:1');
    });
    const events = redisEvents(context.timeline());
    expect(events.map((e) => [e.seq, e.command, e.args, e.reply, e.outcome])).toEqual([
      [0, 'SET', ['user:1', 'ada'], 'OK', 'ok'],
      [1, 'GET', ['user:1'], 'ada', 'ok'],
      [2, 'HSET', ['cart:1', 'sku', 'A-1', 'qty', '2'], 2, 'ok'],
      [3, 'HGETALL', ['cart:1'], { sku: 'A-1', qty: '2' }, 'ok'],
      [4, 'DEL', ['user:1', 'cart:1'], 2, 'ok'],
    ]);
    for (const event of events) {
      expect(event).toMatchObject({ type: 'redis', client: 'ioredis', server: `127.0.0.1:${server.port}/0` });
      expect(event.durationMs).toBeGreaterThanOrEqual(0);
    }
  });

  it('keeps JSON strings intact in args and replies', async () => {
    const cached = JSON.stringify({ id: 7, items: [{ sku: 'A-1', price: 12.5 }], note: 'ünïcode' });
    const context = await inRequest(async () => {
      await redis.set('order:7', cached, 'EX', 60);
      expect(await redis.get('order:7')).toBe(cached);
    });
    expect(commandLines(context.timeline())).toEqual([
      ['SET', 'order:7', cached, 'EX', '60'],
      ['GET', 'order:7'],
    ]);
    expect(redisEvents(context.timeline())[1]?.reply).toBe(cached);
  });

  it('records Buffer args and Buffer replies as bytes', async () => {
    const bytes = Buffer.from([0, 1, 2, 255]);
    const context = await inRequest(async () => {
      await redis.set('bin', bytes);
      expect(await redis.getBuffer('bin')).toEqual(bytes);
    });
    const [set, get] = redisEvents(context.timeline());
    const encoded = { $fb: 'bytes', base64: 'AAEC/w==', size: 4 };
    expect(set?.args).toEqual(['bin', encoded]);
    expect(get?.reply).toEqual(encoded);
  });

  it('records an error reply with its prefix as code, and the app still gets the same error', async () => {
    await redis.hset('h', 'f', 'v');
    let thrown: unknown;
    const context = await inRequest(async () => {
      thrown = await redis.get('h').catch((error: unknown) => error);
    });
    expect(thrown).toBeInstanceOf(Error);
    const [event] = redisEvents(context.timeline());
    expect(event).toMatchObject({
      command: 'GET',
      args: ['h'],
      outcome: 'error',
      error: { name: 'ReplyError', code: 'WRONGTYPE', message: (thrown as Error).message },
    });
    expect(event?.reply).toBeUndefined();
  });

  it('records a commandTimeout as outcome timeout', async () => {
    const slow = client({ commandTimeout: 200 });
    await slow.ping();
    const context = await inRequest(async () => {
      await expect(slow.blpop('empty-list', 5)).rejects.toThrow('Command timed out');
    });
    const [event] = redisEvents(context.timeline());
    expect(event).toMatchObject({
      command: 'BLPOP',
      args: ['empty-list', '5'],
      outcome: 'timeout',
      error: { message: 'Command timed out' },
    });
    expect(event?.durationMs).toBeGreaterThanOrEqual(150);
    slow.disconnect();
  });

  it('records each command of a pipeline with its own reply', async () => {
    const context = await inRequest(async () => {
      await redis.pipeline().set('a', '1').get('a').incr('n').hget('a', 'x').exec();
    });
    const events = redisEvents(context.timeline());
    expect(events.map((e) => [e.command, e.args, e.outcome, e.reply ?? e.error?.code])).toEqual([
      ['SET', ['a', '1'], 'ok', 'OK'],
      ['GET', ['a'], 'ok', '1'],
      ['INCR', ['n'], 'ok', 1],
      ['HGET', ['a', 'x'], 'error', 'WRONGTYPE'],
    ]);
  });

  it('records a MULTI block command by command, as on the wire', async () => {
    const context = await inRequest(async () => {
      expect(await redis.multi().set('m', '1').incr('m').get('m').exec()).toEqual([
        [null, 'OK'],
        [null, 2],
        [null, '2'],
      ]);
    });
    const events = redisEvents(context.timeline());
    expect(events.map((e) => [e.command, e.reply])).toEqual([
      ['MULTI', 'OK'],
      ['SET', 'QUEUED'],
      ['INCR', 'QUEUED'],
      ['GET', 'QUEUED'],
      ['EXEC', ['OK', 2, '2']],
    ]);
  });

  it('attributes commands to their own request when two requests interleave', async () => {
    const bothStarted = barrier(2);
    const request = (name: string) =>
      inRequest(async () => {
        await redis.set(`${name}:a`, name);
        await bothStarted();
        await redis.get(`${name}:a`);
        await redis.incr(`${name}:n`);
      });
    const [left, right] = await Promise.all([request('left'), request('right')]);
    expect(commandLines(left.timeline())).toEqual([
      ['SET', 'left:a', 'left'],
      ['GET', 'left:a'],
      ['INCR', 'left:n'],
    ]);
    expect(commandLines(right.timeline())).toEqual([
      ['SET', 'right:a', 'right'],
      ['GET', 'right:a'],
      ['INCR', 'right:n'],
    ]);
  });

  it('attributes auto-pipelined commands to the request that issued them', async () => {
    const auto = client({ enableAutoPipelining: true });
    await auto.ping();
    const left = newRequestContext('/left');
    const right = newRequestContext('/right');
    // Issued in the same tick, so ioredis sends both in one pipeline, flushed on a later tick.
    await Promise.all([
      runWithRequestContext(left, () => auto.get('left:key')),
      runWithRequestContext(right, () => auto.get('right:key')),
    ]);
    expect(commandLines(left.timeline())).toEqual([['GET', 'left:key']]);
    expect(commandLines(right.timeline())).toEqual([['GET', 'right:key']]);
  });

  it('records nothing outside a request', async () => {
    const context = newRequestContext();
    await redis.set('outside', '1');
    await redis.get('outside');
    expect(context.timeline()).toEqual([]);
    await runWithRequestContext(context, () => redis.get('inside'));
    expect(commandLines(context.timeline())).toEqual([['GET', 'inside']]);
  });

  it('does not record the connection handshake, even for a lazy connect inside a request', async () => {
    const lazy = client({ lazyConnect: true, db: 3, connectionName: 'checkout' });
    const context = await inRequest(async () => {
      await lazy.set('k', 'v');
    });
    const events = redisEvents(context.timeline());
    expect(commandLines(context.timeline())).toEqual([['SET', 'k', 'v']]);
    expect(events[0]?.server).toBe(`127.0.0.1:${server.port}/3`);
  });

  it('shows a command still waiting for its reply as pending', async () => {
    const blocker = client();
    await blocker.ping();
    const context = newRequestContext();
    const waiting = runWithRequestContext(context, () => blocker.blpop('jobs', 0));
    const [pending] = redisEvents(context.timeline());
    expect(pending).toMatchObject({ command: 'BLPOP', outcome: 'pending', durationMs: null });
    await redis.rpush('jobs', 'job-1');
    expect(await waiting).toEqual(['jobs', 'job-1']);
    expect(redisEvents(context.timeline())[0]).toMatchObject({ outcome: 'ok', reply: ['jobs', 'job-1'] });
  });
});
