import { describe, expect, it } from 'vitest';
import { PauseRateLimiter } from '../../src/integrations/local-variables/rate-limiter.js';

function limiter(maxPerSecond = 3, cooldownMs = 1_000, maxCooldownMs = 8_000) {
  const clock = { now: 0 };
  const rateLimiter = new PauseRateLimiter({ maxPerSecond, cooldownMs, maxCooldownMs, now: () => clock.now });
  return { rateLimiter, clock };
}

describe('PauseRateLimiter', () => {
  it('allows the configured number of pauses per second and trips on the next one', () => {
    const { rateLimiter } = limiter(3);
    expect([rateLimiter.hit(), rateLimiter.hit(), rateLimiter.hit()]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(rateLimiter.hit()).toBe(1_000);
    expect(rateLimiter.trips).toBe(1);
  });

  it('counts per one-second window', () => {
    const { rateLimiter, clock } = limiter(3);
    for (let second = 0; second < 5; second++) {
      clock.now = second * 1_000;
      for (let i = 0; i < 3; i++) expect(rateLimiter.hit()).toBeUndefined();
    }
    expect(rateLimiter.trips).toBe(0);
  });

  it('doubles the cooldown for each trip in a row, up to the maximum', () => {
    const { rateLimiter, clock } = limiter(1, 1_000, 8_000);
    const cooldowns: (number | undefined)[] = [];
    for (let trip = 0; trip < 6; trip++) {
      rateLimiter.hit();
      const cooldown = rateLimiter.hit();
      cooldowns.push(cooldown);
      // Pausing comes back after the cooldown and the storm is still on.
      clock.now += (cooldown ?? 0) + 1;
    }
    expect(cooldowns).toEqual([1_000, 2_000, 4_000, 8_000, 8_000, 8_000]);
  });

  it('starts again from the first cooldown after a long calm', () => {
    const { rateLimiter, clock } = limiter(1, 1_000, 8_000);
    rateLimiter.hit();
    expect(rateLimiter.hit()).toBe(1_000);
    clock.now += 1_001;
    rateLimiter.hit();
    expect(rateLimiter.hit()).toBe(2_000);
    clock.now += 60_000;
    rateLimiter.hit();
    expect(rateLimiter.hit()).toBe(1_000);
  });
});
