import { describe, expect, it } from 'vitest';
import { startupReply } from '../../src/runner/redis-startup-replies.js';

describe('startupReply', () => {
  it.each([
    [['SET', 'k', 'v', 'NX'], { type: 'simple', value: 'OK' }],
    [['SET', 'k', 'v', 'GET'], { type: 'null' }],
    [['GET', 'k'], { type: 'null' }],
    [['RPUSH', 'list', 'a', 'b', 'c'], { type: 'integer', value: 3 }],
    [['HSET', 'h', 'f1', 'v1', 'f2', 'v2'], { type: 'integer', value: 2 }],
    [['EXISTS', 'k'], { type: 'integer', value: 0 }],
    [['INCRBY', 'n', '5'], { type: 'integer', value: 5 }],
    [['MGET', 'a', 'b'], { type: 'array', items: [{ type: 'null' }, { type: 'null' }] }],
    [['SMEMBERS', 's'], { type: 'array', items: [] }],
    [['TTL', 'k'], { type: 'integer', value: -2 }],
    [
      ['SCAN', '0'],
      {
        type: 'array',
        items: [
          { type: 'bulk', value: '0' },
          { type: 'array', items: [] },
        ],
      },
    ],
    [['FLUSHDB'], { type: 'simple', value: 'OK' }],
  ])('%j on an empty server answers %j', (argv, reply) => {
    expect(startupReply(argv)).toEqual(reply);
  });
});
