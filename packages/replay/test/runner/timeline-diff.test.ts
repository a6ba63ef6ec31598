import { describe, expect, it } from 'vitest';
import { firstTimelineDivergence } from '../../src/runner/timeline-diff.js';
import { dbEvent, httpEvent, redisEvent } from './support/package-builder.js';

const recorded = [
  dbEvent(0, 'SELECT * FROM customers WHERE id = $1'),
  redisEvent(1, 'GET'),
  httpEvent(2, 'POST', 'http://gateway.internal:8080/v1/charges'),
];

describe('firstTimelineDivergence', () => {
  it('finds none when the replay made the same calls, at other addresses', () => {
    const replayed = [
      dbEvent(
        0,
        'SELECT *\n  FROM customers WHERE id = $1',
        'postgresql://postgres@127.0.0.1:40001/postgres',
      ),
      redisEvent(1, 'get', '127.0.0.1:40002/0'),
      httpEvent(2, 'POST', 'http://127.0.0.1:40003/v1/charges'),
    ];
    expect(firstTimelineDivergence(recorded, replayed)).toBeUndefined();
  });

  it('reports the first call that differs', () => {
    const replayed = [recorded[0]!, redisEvent(1, 'SET'), httpEvent(2, 'POST', 'http://x/v1/refunds')];
    expect(firstTimelineDivergence(recorded, replayed)).toEqual({
      index: 1,
      expected: 'redis GET',
      actual: 'redis SET',
      message: 'the recording has redis GET, the replay made redis SET',
    });
  });

  it('reports a replay that stopped short, and one that made an extra call', () => {
    expect(firstTimelineDivergence(recorded, recorded.slice(0, 1))).toMatchObject({
      index: 1,
      expected: 'redis GET',
      message: 'the replay stopped before the recorded redis GET',
    });
    const extra = [...recorded, httpEvent(3, 'GET', 'http://gateway.internal:8080/v1/charges/ch_1?expand=x')];
    expect(firstTimelineDivergence(recorded, extra)).toMatchObject({
      index: 3,
      actual: 'http GET /v1/charges/ch_1?expand=x',
    });
  });

  it('orders by seq and ignores clock and random reads', () => {
    const replayed = [
      recorded[2]!,
      {
        seq: 5,
        type: 'clock' as const,
        source: 'Date.now',
        value: 1,
        startOffsetMs: 0,
        durationMs: 0,
        outcome: 'ok' as const,
      },
      recorded[0]!,
      recorded[1]!,
    ];
    expect(firstTimelineDivergence(recorded, replayed)).toBeUndefined();
  });
});
