import { describe, expect, it } from 'vitest';
import { redisCommandDifference } from '../../src/stubs/redis-match.js';
import { cacheMiss } from './support/captured-events.js';

const argv = (...args: (string | Buffer)[]) =>
  args.map((arg) => (typeof arg === 'string' ? Buffer.from(arg) : arg));
const recorded = (command: string, ...args: Parameters<typeof redisCommandDifference>[0]['args']) => ({
  ...cacheMiss,
  command,
  args,
});

describe('redisCommandDifference', () => {
  it('matches the recorded command with the same args, whatever the case of its name', () => {
    expect(redisCommandDifference(cacheMiss, argv('get', 'checkout:receipt-template:de'))).toBeUndefined();
  });

  it('reports a different command, arity or argument', () => {
    expect(redisCommandDifference(cacheMiss, argv('SET', 'checkout:receipt-template:de'))).toBe(
      'command: recorded GET, got SET',
    );
    expect(redisCommandDifference(cacheMiss, argv('GET'))).toBe('args: recorded 1, got 0');
    expect(redisCommandDifference(cacheMiss, argv('GET', 'checkout:receipt-template:fr'))).toBe(
      'arg 1: recorded "checkout:receipt-template:de", got "checkout:receipt-template:fr"',
    );
  });

  it('ignores uuids and timestamps in args, and redacted args', () => {
    const lock = recorded(
      'SET',
      'lock:order:ord_55bfe90a-4dff-4719-a090-da32159e3193',
      '[redacted:0123456789ab]',
      'PX',
      '30000',
    );
    expect(
      redisCommandDifference(
        lock,
        argv('SET', 'lock:order:ord_0b5a4c2e-1111-4222-8333-444455556666', 'secret', 'PX', '30000'),
      ),
    ).toBeUndefined();
    expect(redisCommandDifference(lock, argv('SET', 'lock:order:x', 'secret', 'PX', '30000'))).toMatch(
      /^arg 1:/,
    );
  });

  it('compares cached JSON documents by shape', () => {
    const cached = recorded(
      'SET',
      'session:1',
      '{"user":1,"createdAt":"2026-11-22T07:10:27.000Z","seen":1763795427000}',
    );
    expect(
      redisCommandDifference(
        cached,
        argv('SET', 'session:1', '{"seen":1893456000000,"user":1,"createdAt":"2030-01-01T00:00:00.000Z"}'),
      ),
    ).toBeUndefined();
    expect(
      redisCommandDifference(
        cached,
        argv('SET', 'session:1', '{"user":2,"createdAt":"x","seen":1893456000000}'),
      ),
    ).toBe('arg 2: JSON $.user: recorded 1, got 2');
  });

  it('compares numbers, bytes and bigints by their wire form', () => {
    expect(redisCommandDifference(recorded('INCRBY', 'n', 5), argv('INCRBY', 'n', '5'))).toBeUndefined();
    const bytes = recorded('SET', 'bin', { $fb: 'bytes', base64: 'AAEC/w==', size: 4 });
    expect(redisCommandDifference(bytes, argv('SET', 'bin', Buffer.from([0, 1, 2, 255])))).toBeUndefined();
    expect(redisCommandDifference(bytes, argv('SET', 'bin', Buffer.from([0, 1, 2])))).toBe(
      'arg 2: recorded 4 bytes, got 3 different bytes',
    );
    expect(
      redisCommandDifference(
        recorded('INCRBY', 'n', { $fb: 'bigint', v: '9007199254740993' }),
        argv('INCRBY', 'n', '9007199254740993'),
      ),
    ).toBeUndefined();
  });

  it('compares a cut-off value by its kept prefix', () => {
    const long = 'x'.repeat(5000);
    const cut = recorded('SET', 'big', {
      $fb: 'string',
      v: long.slice(0, 4096),
      size: 5000,
      truncated: true,
    });
    expect(redisCommandDifference(cut, argv('SET', 'big', long))).toBeUndefined();
    expect(redisCommandDifference(cut, argv('SET', 'big', `y${long}`))).toBe(
      'arg 2: does not start like the recorded (cut-off) value',
    );
  });
});
