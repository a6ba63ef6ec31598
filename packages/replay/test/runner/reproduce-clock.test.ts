/**
 * The runner end to end on a small app whose failure depends on the wall clock: captured for
 * real with the SDK, then reproduced from the package alone, in both sandboxes. Moving the
 * recorded request time before the token's expiry makes the same replay succeed, which shows
 * the replayed app runs on the captured clock, not the host's.
 */
import { fileURLToPath } from 'node:url';
import type { ErrorPackage, HttpTrigger } from '@flashback/protocol/types';
import { beforeAll, describe, expect, it } from 'vitest';
import { reproduce } from '../../src/orchestrator/index.js';
import type { AppSpec } from '../../src/runner/job-types.js';
import { capturePackage } from './support/capture-app.js';

const appDir = fileURLToPath(new URL('./apps/token-app', import.meta.url));
const app: AppSpec = { dir: appDir, start: 'node server.js', readyPath: '/health' };

let captured: ErrorPackage;

beforeAll(async () => {
  captured = await capturePackage({
    appDir,
    entry: 'server.js',
    env: { TOKEN_EXPIRES_AT: '2025-06-30T00:00:00.000Z', FLASHBACK_ENV_ALLOWLIST: 'TOKEN_EXPIRES_AT' },
    method: 'POST',
    path: '/pay',
    body: { amount: 1200 },
  });
  expect(captured.error.type).toBe('TokenExpiredError');
});

function withStartedAt(pkg: ErrorPackage, startedAt: string): ErrorPackage {
  return { ...pkg, trigger: { ...(pkg.trigger as HttpTrigger), startedAt } };
}

describe.each(['process', 'namespace'] as const)('reproduce in the %s sandbox', (sandbox) => {
  it('reproduces the captured failure from the package alone', async () => {
    const progress: string[] = [];
    const verdict = await reproduce(captured, app, { sandbox, onProgress: (e) => progress.push(e.step) });
    expect(verdict.status, JSON.stringify(verdict, null, 2)).toBe('reproduced');
    expect(verdict.replayed).toEqual({
      type: 'TokenExpiredError',
      message: 'merchant token expired at 2025-06-30T00:00:00.000Z',
      fingerprint: captured.fingerprint,
    });
    expect(verdict.response?.status).toBe(500);
    expect(verdict.divergences).toEqual([]);
    expect(verdict.timings).toMatchObject({
      fixtureMs: expect.any(Number),
      appReadyMs: expect.any(Number),
      triggerMs: expect.any(Number),
      totalMs: expect.any(Number),
    });
    expect(progress).toEqual(
      expect.arrayContaining(['package', 'sandbox', 'fixtures', 'stubs', 'app', 'trigger', 'verdict']),
    );
  });

  it('runs the app on the captured clock: before the expiry the same request succeeds', async () => {
    const verdict = await reproduce(withStartedAt(captured, '2025-06-29T12:00:00.000Z'), app, { sandbox });
    expect(verdict.status, JSON.stringify(verdict, null, 2)).toBe('not-reproduced');
    expect(verdict.response?.status).toBe(200);
    const { at } = JSON.parse(verdict.response?.body ?? '{}') as { at: string };
    // The clock started at the pinned instant when the request arrived, and ran for real after.
    expect(Date.parse(at) - Date.parse('2025-06-29T12:00:00.000Z')).toBeGreaterThanOrEqual(0);
    expect(Date.parse(at) - Date.parse('2025-06-29T12:00:00.000Z')).toBeLessThan(5_000);
  });
});
