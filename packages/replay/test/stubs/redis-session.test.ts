import type { RedisEvent } from '@flashback/protocol/types';
import { describe, expect, it } from 'vitest';
import { RecordedQueue } from '../../src/stubs/recorded-queue.js';
import { decideRedis, type RedisDbQueue } from '../../src/stubs/redis-decide.js';
import { answerConnectionCommand, type RedisConnection } from '../../src/stubs/redis-handshake.js';
import { encodeResp } from '../../src/stubs/resp-codec.js';
import { at, cacheMiss, reservationTimeout } from './support/captured-events.js';

const connection = (overrides: Partial<RedisConnection> = {}): RedisConnection => ({
  id: 7,
  protocol: 2,
  db: 0,
  name: undefined,
  ...overrides,
});
const answer = (line: string, state = connection()) => answerConnectionCommand(line.split(' '), state);
const text = (line: string, protocol: 2 | 3 = 2) => encodeResp(answer(line).value, protocol).toString();
const argv = (line: string) => line.split(' ').map((word) => Buffer.from(word));

function queues(db: number, ...events: RedisEvent[]): RedisDbQueue[] {
  return [{ db, queue: new RecordedQueue(events), service: `redis 127.0.0.1:37387/${db}` }];
}

describe('answerConnectionCommand', () => {
  it('negotiates the protocol with HELLO, answering with the server description', () => {
    const hello3 = answer('HELLO 3 AUTH default secret SETNAME checkout');
    expect(hello3.update).toEqual({ protocol: 3, name: 'checkout' });
    expect(encodeResp(hello3.value, 3).toString()).toBe(
      '%7\r\n$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n$5\r\n7.4.0\r\n$5\r\nproto\r\n:3\r\n$2\r\nid\r\n:7\r\n$4\r\nmode\r\n$10\r\nstandalone\r\n$4\r\nrole\r\n$6\r\nmaster\r\n$7\r\nmodules\r\n*0\r\n',
    );
    expect(answer('HELLO 2').update).toMatchObject({ protocol: 2 });
    expect(answer('HELLO').update).toMatchObject({ protocol: 2 });
    expect(text('HELLO 4')).toBe('-NOPROTO unsupported protocol version\r\n');
  });

  it('answers what ioredis and node-redis send while connecting', () => {
    expect(text('CLIENT SETINFO LIB-NAME ioredis')).toBe('+OK\r\n');
    expect(text('CLIENT MAINT_NOTIFICATIONS ON moving-endpoint-type internal-ip')).toBe('+OK\r\n');
    expect(answer('CLIENT SETNAME worker').update).toEqual({ name: 'worker' });
    expect(text('AUTH default secret')).toBe('+OK\r\n');
    expect(text('READONLY')).toBe('+OK\r\n');
    expect(text('INFO')).toContain('\r\nloading:0\r\n');
    expect(text('PING')).toBe('+PONG\r\n');
    expect(text('PING hi')).toBe('$2\r\nhi\r\n');
    expect(text('ECHO hi')).toBe('$2\r\nhi\r\n');
    expect(text('COMMAND COUNT')).toBe(':0\r\n');
    expect(text('COMMAND DOCS')).toBe('*0\r\n');
  });

  it('switches databases with SELECT and rejects a bad index', () => {
    expect(answer('SELECT 3').update).toEqual({ db: 3 });
    expect(text('SELECT x')).toBe('-ERR DB index is out of range\r\n');
  });

  it('reports the connection name and id, closes on QUIT and resets on RESET', () => {
    expect(encodeResp(answer('CLIENT GETNAME', connection({ name: 'w' })).value, 2).toString()).toBe(
      '$1\r\nw\r\n',
    );
    expect(text('CLIENT GETNAME')).toBe('$-1\r\n');
    expect(text('CLIENT ID')).toBe(':7\r\n');
    expect(answer('QUIT').close).toBe(true);
    expect(answer('RESET').update).toEqual({ protocol: 2, db: 0, name: undefined });
  });
});

describe('decideRedis', () => {
  it('replies with the recorded reply for a recorded command', () => {
    const decision = decideRedis(
      queues(0, cacheMiss),
      '127.0.0.1:37387',
      connection(),
      argv('GET checkout:receipt-template:de'),
      1,
    );
    expect(decision).toEqual({
      action: { kind: 'reply', delayMs: 0.849, value: { type: 'null' } },
      divergence: undefined,
    });
  });

  it('answers the handshake without touching the recording', () => {
    const recorded = queues(0, cacheMiss);
    const decision = decideRedis(recorded, '127.0.0.1:37387', connection(), argv('HELLO 3'), 1);
    expect(decision.update).toMatchObject({ protocol: 3 });
    expect(decision.divergence).toBeUndefined();
    expect(recorded[0]?.queue.remaining()).toHaveLength(1);
  });

  it('serves a connection command the app itself made from the recording, still switching the connection', () => {
    const select: RedisEvent = { ...cacheMiss, command: 'SELECT', args: ['2'], reply: 'OK' };
    const decision = decideRedis(queues(0, select), '127.0.0.1:37387', connection(), argv('SELECT 2'), 1);
    expect(decision).toMatchObject({
      action: { kind: 'reply', value: { type: 'simple', value: 'OK' } },
      update: { db: 2 },
    });
  });

  it('answers an unknown command with an error reply naming what the recording had next', () => {
    const decision = decideRedis(
      queues(0, at(cacheMiss, 4)),
      '127.0.0.1:37387',
      connection(),
      argv('DEL cart:1'),
      1,
    );
    expect(decision.action).toEqual({
      kind: 'reply',
      delayMs: 0,
      value: {
        type: 'error',
        value:
          'ERR flashback: unexpected command DEL cart:1; the recording had next GET checkout:receipt-template:de (seq 4)',
      },
    });
    expect(decision.divergence).toMatchObject({
      kind: 'unexpected-call',
      service: 'redis 127.0.0.1:37387/0',
      expectedSeq: 4,
    });
  });

  it('reports a command served before one the recording made first', () => {
    const decision = decideRedis(
      queues(0, at(reservationTimeout, 1, 0, 5), at(cacheMiss, 2, 10, 1)),
      '127.0.0.1:37387',
      connection(),
      argv('GET checkout:receipt-template:de'),
      1,
    );
    expect(decision.divergence).toMatchObject({
      kind: 'mismatch',
      expectedSeq: 1,
      expected: 'BLPOP checkout:stock:reservations:POSTER-LTD 2',
    });
  });

  it('uses the queue of the selected database, or the only one recorded', () => {
    const two: RedisDbQueue[] = [...queues(0, at(cacheMiss, 1)), ...queues(5, at(cacheMiss, 2))];
    expect(
      decideRedis(two, 'h:1', connection({ db: 5 }), argv('GET checkout:receipt-template:de'), 0).divergence,
    ).toBeUndefined();
    expect(two[1]?.queue.remaining()).toEqual([]);
    expect(decideRedis(two, 'h:1', connection({ db: 9 }), argv('GET x'), 0).divergence).toMatchObject({
      service: 'redis h:1/9',
    });
    const one = queues(0, cacheMiss);
    expect(
      decideRedis(one, 'h:1', connection({ db: 3 }), argv('GET checkout:receipt-template:de'), 0).divergence,
    ).toBeUndefined();
  });
});
