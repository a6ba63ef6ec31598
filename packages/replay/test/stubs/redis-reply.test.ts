import type { RedisEvent } from '@flashback/protocol/types';
import { describe, expect, it } from 'vitest';
import { blockingTimeoutMs, isServerError, redisReplyAction } from '../../src/stubs/redis-reply.js';
import { errorReplyText, respFromRecorded } from '../../src/stubs/redis-values.js';
import { encodeResp } from '../../src/stubs/resp-codec.js';
import { cacheMiss, reservationTimeout } from './support/captured-events.js';

const wire = (value: Parameters<typeof respFromRecorded>[0], command = 'GET', protocol: 2 | 3 = 2) =>
  encodeResp(respFromRecorded(value, command), protocol).toString('latin1');

describe('respFromRecorded', () => {
  it.each([
    ['a status', 'OK', 'SET', '+OK\r\n'],
    ['a string', 'ada', 'GET', '$3\r\nada\r\n'],
    ['TYPE as a status', 'hash', 'TYPE', '+hash\r\n'],
    ['an integer', 2, 'HSET', ':2\r\n'],
    ['null', null, 'GET', '$-1\r\n'],
    ['a missing reply', undefined, 'GET', '$-1\r\n'],
    ['an array', ['jobs', 'job-1'], 'BLPOP', '*2\r\n$4\r\njobs\r\n$5\r\njob-1\r\n'],
    ['EXEC results', ['OK', 2, '2'], 'EXEC', '*3\r\n+OK\r\n:2\r\n$1\r\n2\r\n'],
    [
      'a hash as pairs',
      { sku: 'A-1', qty: '2' },
      'HGETALL',
      '*4\r\n$3\r\nsku\r\n$3\r\nA-1\r\n$3\r\nqty\r\n$1\r\n2\r\n',
    ],
    ['bytes', { $fb: 'bytes', base64: 'AAEC/w==', size: 4 }, 'GET', '$4\r\n\u0000\u0001\u0002\u00ff\r\n'],
    ['a bigint', { $fb: 'bigint', v: '9007199254740993' }, 'INCR', ':9007199254740993\r\n'],
    ['a cut-off string', { $fb: 'string', v: 'abc', size: 9000, truncated: true }, 'GET', '$3\r\nabc\r\n'],
    [
      'an error inside EXEC',
      [{ $fb: 'error', name: 'ReplyError', message: 'WRONGTYPE x' }],
      'EXEC',
      '*1\r\n-WRONGTYPE x\r\n',
    ],
    ['a double', 1.5, 'ZSCORE', '$3\r\n1.5\r\n'],
  ] as const)('%s', (_name, value, command, expected) => {
    expect(wire(value as Parameters<typeof respFromRecorded>[0], command)).toBe(expected);
  });

  it('sends maps, doubles, booleans and null in their RESP3 form to RESP3 clients', () => {
    expect(wire({ sku: 'A-1' }, 'HGETALL', 3)).toBe('%1\r\n$3\r\nsku\r\n$3\r\nA-1\r\n');
    expect(wire(1.5, 'ZSCORE', 3)).toBe(',1.5\r\n');
    expect(wire(true, 'X', 3)).toBe('#t\r\n');
    expect(wire(null, 'GET', 3)).toBe('_\r\n');
    expect(wire({ $fb: 'set', values: ['a'] }, 'SMEMBERS', 3)).toBe('~1\r\n$1\r\na\r\n');
  });
});

describe('errorReplyText', () => {
  it('keeps a message that carries its prefix, and prefixes one that does not', () => {
    const wrongType = 'WRONGTYPE Operation against a key holding the wrong kind of value';
    expect(errorReplyText({ name: 'ReplyError', code: 'WRONGTYPE', message: wrongType })).toBe(wrongType);
    expect(errorReplyText({ name: 'ReplyError', message: 'NOSCRIPT No matching script.' })).toBe(
      'NOSCRIPT No matching script.',
    );
    expect(errorReplyText({ name: 'ReplyError', code: 'NOPERM', message: 'no permissions' })).toBe(
      'NOPERM no permissions',
    );
    expect(errorReplyText({ message: 'something broke' })).toBe('ERR something broke');
  });
});

describe('isServerError', () => {
  it('tells server error replies from client and network failures', () => {
    expect(isServerError({ name: 'ReplyError', message: 'x' })).toBe(true);
    expect(isServerError({ name: 'SimpleError', code: 'WRONGTYPE', message: 'x' })).toBe(true);
    expect(isServerError({ name: 'Error', code: 'WRONGTYPE', message: 'x' })).toBe(true);
    expect(isServerError({ name: 'Error', code: 'ECONNRESET', message: 'x' })).toBe(false);
    expect(isServerError({ name: 'Error', code: 'ERR_SOCKET_CLOSED', message: 'x' })).toBe(false);
    expect(isServerError({ name: 'Error', message: 'Connection is closed.' })).toBe(false);
  });
});

describe('redisReplyAction', () => {
  it('replies with the recorded reply after the scaled latency', () => {
    expect(redisReplyAction(cacheMiss, 10)).toEqual({
      kind: 'reply',
      delayMs: 8.49,
      value: { type: 'null' },
    });
  });

  it('holds a recorded timeout; a blocking command is released with null after its own timeout', () => {
    expect(redisReplyAction(reservationTimeout, 1)).toEqual({ kind: 'hold', releaseAfterMs: 2000 });
    expect(redisReplyAction({ ...reservationTimeout, command: 'GET', args: ['k'] }, 1)).toEqual({
      kind: 'hold',
      releaseAfterMs: undefined,
    });
    const socketTimeout: RedisEvent = {
      ...cacheMiss,
      outcome: 'error',
      error: { name: 'SocketTimeoutError', message: 'Socket timeout' },
    };
    expect(redisReplyAction(socketTimeout, 1).kind).toBe('hold');
  });

  it('sends a recorded error reply, and resets for a network failure', () => {
    const wrongType: RedisEvent = {
      ...cacheMiss,
      outcome: 'error',
      error: { name: 'ReplyError', code: 'WRONGTYPE', message: 'WRONGTYPE x' },
    };
    expect(redisReplyAction(wrongType, 0)).toEqual({
      kind: 'reply',
      delayMs: 0,
      value: { type: 'error', value: 'WRONGTYPE x' },
    });
    const reset: RedisEvent = {
      ...cacheMiss,
      outcome: 'error',
      error: { name: 'Error', code: 'ECONNRESET', message: 'read ECONNRESET' },
    };
    expect(redisReplyAction(reset, 0)).toEqual({ kind: 'reset', delayMs: 0 });
  });
});

describe('blockingTimeoutMs', () => {
  it.each([
    ['BLPOP', ['a', 'b', '2'], 2000],
    ['BRPOP', ['a', '0.5'], 500],
    ['BLMOVE', ['a', 'b', 'LEFT', 'RIGHT', '1'], 1000],
    ['BZMPOP', ['3', '1', 'z', 'MIN'], 3000],
    ['XREAD', ['COUNT', '1', 'BLOCK', '250', 'STREAMS', 's', '$'], 250],
    ['WAIT', ['1', '100'], 100],
    ['BLPOP', ['a', '0'], undefined],
    ['GET', ['a'], undefined],
    ['XREAD', ['STREAMS', 's', '0'], undefined],
  ] as const)('%s %j', (command, args, expected) => {
    expect(blockingTimeoutMs(command, [...args])).toBe(expected);
  });
});
