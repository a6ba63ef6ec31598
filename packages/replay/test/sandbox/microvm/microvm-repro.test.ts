/** The checkout example's tier-3 bug, reproduced end to end inside a microVM (TCG where KVM does not boot guests). */
import type { ErrorPackage } from '@flashback/protocol';
import { beforeAll, describe, expect, test } from 'vitest';
import { reproduce } from '../../../src/index.js';
import { MicrovmDriver } from '../../../src/sandbox/index.js';
import { CHECKOUT_DIR, captureBug7, EMULATION_ALLOWANCE, microvmAvailable } from './microvm-support.js';

let captured: ErrorPackage;

beforeAll(async () => {
  if (await microvmAvailable()) captured = await captureBug7();
}, 60_000);

describe.runIf(await microvmAvailable())('microvm sandbox: reproduction', () => {
  test('reproduces the checkout example tier-3 bug (bug 7) inside a microVM restored from its snapshot', async () => {
    const driver = new MicrovmDriver();
    const steps: string[] = [];
    const verdict = await reproduce(
      captured,
      // Under TCG the app's own event loop stalls for seconds while it loads its modules, past its
      // 500 ms Redis command timeout; bug 7 does not involve Redis timing.
      { dir: CHECKOUT_DIR, start: 'node src/server.js', readyPath: '/health', env: EMULATION_ALLOWANCE },
      {
        driver,
        timeLimitMs: 400_000,
        readyTimeoutMs: 300_000,
        onProgress: (e) => steps.push(`${e.step}: ${e.message}`),
      },
    );
    process.stdout.write(`${steps.join('\n')}\n`);
    const why = `${verdict.summary}\n${steps.join('\n')}\n${verdict.error?.detail ?? ''}`;
    expect(verdict, why).toMatchObject({
      status: 'reproduced',
      sandbox: 'microvm',
      replayed: { type: 'RangeError', fingerprint: captured.fingerprint },
    });
    // The runner, an empty database and the app's Node with the SDK's modules and the app's
    // dependencies were loaded before the snapshot: the run only gave the job.
    expect(driver.lastRun).toMatchObject({ start: 'restored', standby: true });
    expect(
      steps.some((s) => s.includes('runner started') && s.includes('loaded ahead in standby')),
      why,
    ).toBe(true);
    expect(steps, why).toContain('app: starting the app, loaded ahead in standby: node src/server.js');
  }, 420_000);
});
