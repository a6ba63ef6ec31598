import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/ingest/rate-limiter.js';

describe('RateLimiter', () => {
  it('allows a burst, then the sustained rate, per project', () => {
    let now = 0;
    const limiter = new RateLimiter(10, 20, () => now);
    expect(limiter.take('a', 20)).toEqual({ ok: true });
    expect(limiter.take('a', 1)).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(limiter.take('b', 5)).toEqual({ ok: true });
    now += 500;
    expect(limiter.take('a', 5)).toEqual({ ok: true });
    expect(limiter.take('a', 1).ok).toBe(false);
  });

  it('says how long until the request would fit', () => {
    let now = 0;
    const limiter = new RateLimiter(2, 10, () => now);
    limiter.take('a', 10);
    expect(limiter.take('a', 7)).toEqual({ ok: false, retryAfterSeconds: 4 });
    now += 4_000;
    expect(limiter.take('a', 7)).toEqual({ ok: true });
  });

  it('lets a request larger than the burst through once the bucket is full', () => {
    let now = 0;
    const limiter = new RateLimiter(1, 5, () => now);
    expect(limiter.take('a', 50)).toEqual({ ok: true });
    expect(limiter.take('a', 50)).toEqual({ ok: false, retryAfterSeconds: 5 });
    now += 5_000;
    expect(limiter.take('a', 50)).toEqual({ ok: true });
  });
});
