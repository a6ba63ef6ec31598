import { describe, expect, it } from 'vitest';
import { backoffDelay, classifyStatus, parseRetryAfter } from '../../src/transport/retry-policy.js';

describe('classifyStatus', () => {
  it('treats 2xx as delivered', () => {
    expect([200, 202, 204].map(classifyStatus)).toEqual(['ok', 'ok', 'ok']);
  });

  it('retries what the collector may recover from: 408, 429 and 5xx', () => {
    expect([408, 429, 500, 502, 503, 504].map(classifyStatus)).toEqual(Array(6).fill('retry'));
  });

  it('never retries other 4xx (and unfollowed redirects)', () => {
    expect([400, 401, 403, 404, 413, 422, 301].map(classifyStatus)).toEqual(Array(7).fill('reject'));
  });
});

describe('backoffDelay', () => {
  it('doubles per attempt, between half and all of the step', () => {
    const low = () => 0;
    const high = () => 1;
    expect([0, 1, 2, 3].map((attempt) => backoffDelay(attempt, 100, 10_000, low))).toEqual([
      50, 100, 200, 400,
    ]);
    expect([0, 1, 2, 3].map((attempt) => backoffDelay(attempt, 100, 10_000, high))).toEqual([
      100, 200, 400, 800,
    ]);
  });

  it('never exceeds the maximum, even after many attempts', () => {
    expect(backoffDelay(1000, 100, 5000, () => 1)).toBe(5000);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');

  it('reads seconds', () => {
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter(['0.5'], now)).toBe(500);
  });

  it('reads an HTTP date relative to now, never negative', () => {
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('Tue, 31 Dec 2024 23:00:00 GMT', now)).toBe(0);
  });

  it('ignores a missing or meaningless header', () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
  });
});
