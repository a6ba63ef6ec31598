import { freePort, type RedisServer, startRedis } from '@flashback-dev/test-harness';
import type * as NodeRedis from 'redis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runWithRequestContext } from '../../src/context/request-context.js';
import { uninstallModuleHooks } from '../../src/instrument/module-hook.js';
import { unwrapAll } from '../../src/instrument/wrap.js';
import { redisIntegration } from '../../src/integrations/redis/index.js';
import {
  barrier,
  commandLines,
  inRequest,
  newRequestContext,
  redisEvents,
  setUpIntegration,
} from './support/redis-capture.js';

type Client = ReturnType<typeof NodeRedis.createClient>;
type ClientOptions = Parameters<typeof NodeRedis.createClient>[0];

let server: RedisServer;
let redis: typeof NodeRedis;
let client: Client;
const clients: Client[] = [];

function newClient(options: ClientOptions = {}): Client {
  const created = redis.createClient({ url: server.url, ...options });
  // A client without an error listener crashes the process on a socket error.
  created.on('error', () => undefined);
  clients.push(created);
  return created;
}

beforeAll(async () => {
  server = await startRedis();
  setUpIntegration(redisIntegration());
  // Loaded after setup, as an app preloading the SDK would: the module hook patches it on load.
  redis = await import('redis');
  client = newClient();
  await client.connect();
  await client.flushAll();
});

afterEach(async () => {
  await client.flushAll();
});

afterAll(async () => {
  for (const c of clients) if (c.isOpen) c.destroy();
  unwrapAll();
  uninstallModuleHooks();
  await server?.stop();
});

describe('node-redis integration', () => {
  it('records GET, SET, HSET, HGETALL and DEL with args, replies and the server', async () => {
    const context = await inRequest(async () => {
      await client.set('user:1', 'ada');
      await client.get('user:1');
      await client.hSet('cart:1', { sku: 'A-1', qty: '2' });
      await client.hGetAll('cart:1');
      await client.del(['user:1', 'cart:1']);
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
      expect(event).toMatchObject({
        type: 'redis',
        client: 'node-redis',
        server: `127.0.0.1:${server.port}/0`,
      });
      expect(event.durationMs).toBeGreaterThanOrEqual(0);
    }
  });

  it('records raw sendCommand calls', async () => {
    const context = await inRequest(async () => {
      expect(await client.sendCommand(['SET', 'raw', 'v', 'PX', '60000'])).toBe('OK');
    });
    expect(redisEvents(context.timeline())).toMatchObject([
      { command: 'SET', args: ['raw', 'v', 'PX', '60000'], reply: 'OK' },
    ]);
  });

  it('keeps JSON strings intact in args and replies', async () => {
    const cached = JSON.stringify({ id: 7, items: [{ sku: 'A-1', price: 12.5 }], note: 'ünïcode' });
    const context = await inRequest(async () => {
      await client.set('order:7', cached, { expiration: { type: 'EX', value: 60 } });
      expect(await client.get('order:7')).toBe(cached);
    });
    expect(commandLines(context.timeline())).toEqual([
      ['SET', 'order:7', cached, 'EX', '60'],
      ['GET', 'order:7'],
    ]);
    expect(redisEvents(context.timeline())[1]?.reply).toBe(cached);
  });

  it('records Buffer args and Buffer replies as bytes', async () => {
    const bytes = Buffer.from([0, 1, 2, 255]);
    const binary = client.withTypeMapping({ [redis.RESP_TYPES.BLOB_STRING]: Buffer });
    const context = await inRequest(async () => {
      await client.set('bin', bytes);
      expect(await binary.get('bin')).toEqual(bytes);
    });
    const [set, get] = redisEvents(context.timeline());
    const encoded = { $fb: 'bytes', base64: 'AAEC/w==', size: 4 };
    expect(set?.args).toEqual(['bin', encoded]);
    expect(get?.reply).toEqual(encoded);
  });

  it('records an error reply with its prefix as code, and the app still gets the same error', async () => {
    await client.hSet('h', 'f', 'v');
    let thrown: unknown;
    const context = await inRequest(async () => {
      thrown = await client.get('h').catch((error: unknown) => error);
    });
    expect(thrown).toBeInstanceOf(redis.ErrorReply);
    const [event] = redisEvents(context.timeline());
    expect(event).toMatchObject({
      command: 'GET',
      args: ['h'],
      outcome: 'error',
      error: { name: 'SimpleError', code: 'WRONGTYPE', message: (thrown as Error).message },
    });
    expect(event?.reply).toBeUndefined();
  });

  it('records a socket timeout while waiting for a reply as outcome timeout', async () => {
    const slow = newClient({ socket: { socketTimeout: 200 } });
    await slow.connect();
    let thrown: unknown;
    const context = await inRequest(async () => {
      thrown = await slow.blPop('empty-list', 5).catch((error: unknown) => error);
    });
    expect(thrown).toBeInstanceOf(redis.SocketTimeoutError);
    const [event] = redisEvents(context.timeline());
    expect(event).toMatchObject({
      command: 'BLPOP',
      args: ['empty-list', '5'],
      outcome: 'timeout',
      error: { name: 'SocketTimeoutError', message: (thrown as Error).message },
    });
    expect(event?.durationMs).toBeGreaterThanOrEqual(150);
  });

  it('records commands timed out or aborted while Redis is unreachable', async () => {
    // node-redis applies `timeout` and abort signals to commands not yet written to a socket.
    const unreachable = newClient({
      url: `redis://127.0.0.1:${await freePort()}`,
      socket: { reconnectStrategy: 20 },
    });
    const connecting = unreachable.connect().catch((error: unknown) => error);
    const aborted = new AbortController();
    const context = await inRequest(async () => {
      await expect(unreachable.withCommandOptions({ timeout: 100 }).get('k1')).rejects.toThrow(
        redis.TimeoutError,
      );
      await expect(unreachable.withAbortSignal(AbortSignal.timeout(100)).get('k2')).rejects.toThrow(
        redis.AbortError,
      );
      const cancelled = unreachable.withAbortSignal(aborted.signal).get('k3');
      aborted.abort();
      await expect(cancelled).rejects.toThrow(redis.AbortError);
    });
    unreachable.destroy();
    await connecting;
    expect(redisEvents(context.timeline())).toMatchObject([
      {
        command: 'GET',
        args: ['k1'],
        outcome: 'timeout',
        error: { name: 'TimeoutError', message: 'Command timed out' },
      },
      { command: 'GET', args: ['k2'], outcome: 'timeout', error: { name: 'AbortError' } },
      { command: 'GET', args: ['k3'], outcome: 'error', error: { name: 'AbortError' } },
    ]);
  });

  it('records each command of a pipeline with its own reply', async () => {
    const context = await inRequest(async () => {
      await client.multi().set('a', '1').get('a').incr('n').execAsPipeline();
    });
    expect(redisEvents(context.timeline()).map((e) => [e.command, e.args, e.reply])).toEqual([
      ['SET', ['a', '1'], 'OK'],
      ['GET', ['a'], '1'],
      ['INCR', ['n'], 1],
    ]);
  });

  it('records a MULTI block command by command, as on the wire', async () => {
    const context = await inRequest(async () => {
      expect(await client.multi().set('m', '1').incr('m').get('m').exec()).toEqual(['OK', 2, '2']);
    });
    expect(redisEvents(context.timeline()).map((e) => [e.command, e.reply])).toEqual([
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
        await client.set(`${name}:a`, name);
        await bothStarted();
        await client.get(`${name}:a`);
        await client.incr(`${name}:n`);
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

  it('records nothing outside a request', async () => {
    const context = newRequestContext();
    await client.set('outside', '1');
    await client.get('outside');
    expect(context.timeline()).toEqual([]);
    await runWithRequestContext(context, () => client.get('inside'));
    expect(commandLines(context.timeline())).toEqual([['GET', 'inside']]);
  });

  it('does not record the connection handshake, even when the app connects inside a request', async () => {
    const late = newClient({ database: 3, name: 'checkout' });
    const context = await inRequest(async () => {
      await late.connect();
      await late.set('k', 'v');
    });
    expect(commandLines(context.timeline())).toEqual([['SET', 'k', 'v']]);
    expect(redisEvents(context.timeline())[0]?.server).toBe(`127.0.0.1:${server.port}/3`);
  });

  it('follows the database the app SELECTs', async () => {
    const switching = newClient();
    await switching.connect();
    const context = await inRequest(async () => {
      await switching.select(5);
      await switching.get('k');
    });
    expect(redisEvents(context.timeline()).map((e) => [e.command, e.server])).toEqual([
      ['SELECT', `127.0.0.1:${server.port}/0`],
      ['GET', `127.0.0.1:${server.port}/5`],
    ]);
  });
});
