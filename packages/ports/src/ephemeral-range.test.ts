import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { ephemeralRange } from './ephemeral-range.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fb-ephemeral-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('reads the kernel format', async () => {
  await writeFile(join(dir, 'range'), '32768\t60999\n');
  expect(await ephemeralRange(join(dir, 'range'))).toEqual([32768, 60999]);
});

test('is undefined for a missing or garbled file', async () => {
  expect(await ephemeralRange(join(dir, 'missing'))).toBeUndefined();
  await writeFile(join(dir, 'garbage'), 'not numbers');
  expect(await ephemeralRange(join(dir, 'garbage'))).toBeUndefined();
});
