import { createServer } from 'node:net';
import { describe, expect, test } from 'vitest';
import { ephemeralRange } from './ephemeral-range.js';
import { freePort, freePortBelow } from './free-port.js';

describe('freePortBelow', () => {
  test('picks a port between 10000 and the bottom of the range', async () => {
    const port = await freePortBelow([32768, 60999], async () => true);
    expect(port).toBeGreaterThanOrEqual(10_000);
    expect(port).toBeLessThan(32768);
  });

  test('takes the first candidate that is free', async () => {
    const asked: number[] = [];
    const port = await freePortBelow([32768, 60999], async (p) => asked.push(p) === 2);
    expect(port).toBe(asked[1]);
  });

  test('is undefined after the attempts miss, or when nothing lies below the range', async () => {
    let asked = 0;
    const never = async () => {
      asked++;
      return false;
    };
    expect(await freePortBelow([32768, 60999], never, 5)).toBeUndefined();
    expect(asked).toBe(5);
    expect(await freePortBelow([10_000, 60999], async () => true)).toBeUndefined();
  });
});

test('freePort gives ports below the ephemeral range that can be listened on', async () => {
  const range = await ephemeralRange();
  expect(range, 'the kernel ephemeral range is readable').toBeDefined();
  const ports = await Promise.all(Array.from({ length: 5 }, () => freePort()));
  for (const port of ports) {
    expect(port).toBeGreaterThanOrEqual(10_000);
    expect(port).toBeLessThan(range?.[0] ?? 0);
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    await new Promise((resolve) => server.close(resolve));
  }
});
