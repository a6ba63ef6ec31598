import { randomUUID } from 'node:crypto';
import { type RedisServer, startRedis } from '@flashback-dev/test-harness';
import { Redis, type RedisOptions } from 'ioredis';
import { createClient, ErrorReply } from 'redis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Recorder, type Recording, type Step, startRecorder } from './support/recorder.js';
import { type Replay, redisEvents, replay } from './support/replay-helpers.js';

let redis: RedisServer;
let recorder: Recorder;
let recording: Recording;
let running: Replay | undefined;
const clients: { disconnect(): void }[] = [];

const session = () =>
  JSON.stringify({ user: 1, sessionId: randomUUID(), createdAt: new Date().toISOString() });

/** The recorded commands: ioredis first, then node-redis, against one real redis-server. */
const ioredisSteps = (): Step[] => [
  { op: 'ioredis', method: 'set', args: ['user:1', 'ada'] },
  { op: 'ioredis', method: 'get', args: ['user:1'] },
  { op: 'ioredis', method: 'hset', args: ['cart:1', 'sku', 'A-1', 'qty', '2'] },
  { op: 'ioredis', method: 'hgetall', args: ['cart:1'] },
  { op: 'ioredis', method: 'get', args: ['missing'] },
  { op: 'ioredis', method: 'incrby', args: ['counter', 5] },
  { op: 'ioredis', method: 'rpush', args: ['jobs', 'a', 'b'] },
  { op: 'ioredis', method: 'lrange', args: ['jobs', 0, -1] },
  { op: 'ioredis', method: 'get', args: ['cart:1'] },
  { op: 'ioredis', method: 'set', args: [`session:${randomUUID()}`, session(), 'EX', 60] },
  { op: 'ioredis', method: 'blpop', args: ['empty-list', 1], impatient: true },
];
const nodeRedisSteps = (): Step[] => [
  { op: 'node-redis', args: ['SET', 'node:1', 'grace'] },
  { op: 'node-redis', args: ['GET', 'node:1'] },
  { op: 'node-redis', args: ['HGETALL', 'cart:1'] },
  { op: 'node-redis', args: ['GET', 'cart:1'] },
  { op: 'node-redis', args: ['ZADD', 'scores', '1.5', 'ada'] },
  { op: 'node-redis', args: ['ZSCORE', 'scores', 'ada'] },
  { op: 'node-redis', args: ['EXISTS', 'user:1', 'node:1'] },
];

beforeAll(async () => {
  redis = await startRedis();
  recorder = await startRecorder({ REDIS_URL: redis.url });
  recording = await recorder.record([...ioredisSteps(), ...nodeRedisSteps()]);
});

afterAll(async () => {
  await recorder?.stop();
  await redis?.stop();
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.disconnect();
  await running?.close();
  running = undefined;
});

function ioredis(options: RedisOptions = {}): Redis {
  if (!running) throw new Error('no stubs running');
  const client = new Redis({
    host: '127.0.0.1',
    port: running.port(redis.port),
    maxRetriesPerRequest: 0,
    ...options,
  });
  clients.push(client);
  return client;
}

async function nodeRedis(options: Parameters<typeof createClient>[0] = {}) {
  if (!running) throw new Error('no stubs running');
  const client = createClient({ url: `redis://127.0.0.1:${running.port(redis.port)}`, ...options });
  client.on('error', () => undefined);
  clients.push({ disconnect: () => client.destroy() });
  await client.connect();
  return client;
}

/** Replays one step with a real client against the stub; errors come back as values. */
async function settle(promise: Promise<unknown>): Promise<unknown> {
  try {
    return { value: JSON.parse(JSON.stringify(await promise) ?? 'null') };
  } catch (error: unknown) {
    return { error: { name: (error as Error).name, message: (error as Error).message } };
  }
}

describe('the recording', () => {
  it('holds every command with its reply, error or timeout', () => {
    expect(redisEvents(recording.pkg).map((e) => `${e.client} ${e.command} ${e.outcome}`)).toEqual([
      'ioredis SET ok',
      'ioredis GET ok',
      'ioredis HSET ok',
      'ioredis HGETALL ok',
      'ioredis GET ok',
      'ioredis INCRBY ok',
      'ioredis RPUSH ok',
      'ioredis LRANGE ok',
      'ioredis GET error',
      'ioredis SET ok',
      'ioredis BLPOP timeout',
      'node-redis SET ok',
      'node-redis GET ok',
      'node-redis HGETALL ok',
      'node-redis GET error',
      'node-redis ZADD ok',
      'node-redis ZSCORE ok',
      'node-redis EXISTS ok',
    ]);
  });
});

describe('Redis stub', () => {
  it('replays every reply, error and timeout to ioredis and node-redis, as the real server gave them', async () => {
    running = await replay(recording.pkg);
    const io = ioredis({ connectionName: 'checkout' });
    const impatient = ioredis({ commandTimeout: 300 });
    const replayed: unknown[] = [];
    for (const step of ioredisSteps()) {
      const {
        method,
        args,
        impatient: slow,
      } = step as { method: string; args: unknown[]; impatient?: boolean };
      const client = (slow ? impatient : io) as unknown as Record<
        string,
        (...a: unknown[]) => Promise<unknown>
      >;
      replayed.push(await settle(client[method]!(...args)));
    }
    const node = await nodeRedis({ name: 'checkout' });
    for (const step of nodeRedisSteps())
      replayed.push(await settle(node.sendCommand((step as { args: string[] }).args)));

    const real = recording.results.map((r) =>
      r.error ? { error: { name: r.error.name, message: r.error.message } } : { value: r.value ?? null },
    );
    expect(replayed).toEqual(real);
    expect(real[10]).toEqual({ error: { name: 'Error', message: 'Command timed out' } });
    await running.stubs.close();
    expect(running.stubs.divergences()).toEqual([]);
  });

  it('answers the connection handshake of RESP2 and RESP3 clients, with db, name and readonly', async () => {
    running = await replay(recording.pkg);
    const resp2 = ioredis({ protocol: 2, db: 3, connectionName: 'worker', readOnly: true });
    expect(await resp2.set('user:1', 'ada')).toBe('OK');
    const node = await nodeRedis({ RESP: 2, database: 3, name: 'worker' });
    expect(await node.get('user:1')).toBe('ada');
    const resp3 = ioredis();
    expect(await resp3.hset('cart:1', 'sku', 'A-1', 'qty', '2')).toBe(2);
    expect(await resp3.hgetall('cart:1')).toEqual({ sku: 'A-1', qty: '2' });
  });

  it('sends a recorded error reply as the server error each client raises', async () => {
    const wrongType = redisEvents(recording.pkg).filter((e) => e.outcome === 'error');
    running = await replay({ ...recording.pkg, timeline: wrongType });
    const message = wrongType[0]?.error?.message;
    expect(message).toMatch(/^WRONGTYPE /);
    await expect(ioredis().get('cart:1')).rejects.toMatchObject({ name: 'ReplyError', message });
    const node = await nodeRedis();
    const error = await node.get('cart:1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ErrorReply);
    expect(error).toMatchObject({ message });
  });

  it('answers a command the recording does not have with an error reply and reports it', async () => {
    running = await replay(recording.pkg);
    await expect(ioredis().get('other')).rejects.toThrow(
      'ERR flashback: unexpected command GET other; the recording had next SET user:1 ada (seq',
    );
    expect(running.stubs.divergences()).toEqual([
      expect.objectContaining({
        kind: 'unexpected-call',
        service: `redis 127.0.0.1:${redis.port}/0`,
        asked: 'GET other',
        expected: 'SET user:1 ada',
      }),
    ]);
  });

  it('reports a command served out of order and the commands never sent', async () => {
    running = await replay(recording.pkg);
    expect(await ioredis().get('user:1')).toBe('ada');
    await running.stubs.close();
    const divergences = running.stubs.divergences();
    expect(divergences[0]).toMatchObject({
      kind: 'mismatch',
      asked: 'GET user:1',
      expected: 'SET user:1 ada',
    });
    expect(divergences.filter((d) => d.kind === 'not-called')).toHaveLength(
      redisEvents(recording.pkg).length - 1,
    );
  });
});
