/**
 * The proof: every production bug of examples/checkout is captured for real (the service with the
 * SDK preloaded, against a real PostgreSQL, a real Redis and the stand-ins), then reproduced by
 * the real `flashback repro` binary from its package alone, in the namespace sandbox. The fixed
 * variant, replayed from the same packages, does not fail the same way.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ErrorPackage } from '@flashback/protocol/types';
import type { Verdict } from '@flashback/replay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bugRequests, checkoutEnvAllowlist } from '../../../examples/checkout/requests/checkout-requests.js';
import { startCheckout } from '../../../examples/checkout/test/start-checkout.js';
import { leftoverProcesses, leftoverWorkDirs } from './support/leftovers.js';
import { REPO_ROOT, runCli } from './support/run-cli.js';

const bugs = bugRequests.map((bug) => ({ name: `${bug.bug} ${bug.id}`, bug }));
// Runs share two cores (vitest maxConcurrency, see vitest.config.ts): one alone takes about 2 s.
const REPRO_TIMEOUT_MS = 90_000;
const packageFiles = new Map<string, string>();
let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'repro-checkout-'));
  // The recorded gateway timeout travels with the package; a roomy one keeps replays that share
  // two cores with other tests from timing out on a slow tick instead of failing as recorded.
  const checkout = await startCheckout({
    preloadSdk: true,
    env: { FLASHBACK_ENV_ALLOWLIST: checkoutEnvAllowlist, PAYMENT_GATEWAY_TIMEOUT_MS: '3000' },
  });
  try {
    for (const { bug } of bugs) {
      const before = (await checkout.app.packages()).length;
      const response = await checkout.app.request(bug.method, bug.path, bug.body);
      expect(response.status, `${bug.id} answered ${response.text}`).toBeGreaterThanOrEqual(500);
      const packages: ErrorPackage[] = await checkout.app.waitForPackages(before + 1);
      const pkg = packages.at(-1) as ErrorPackage;
      expect(pkg.error.type, bug.id).toBe(bug.errorType);
      const file = join(scratch, `${bug.id}.json`);
      await writeFile(file, JSON.stringify(pkg));
      packageFiles.set(bug.id, file);
    }
  } finally {
    await checkout.stop();
  }
}, 60_000);

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function repro(
  bugId: string,
  extra: string[] = [],
): Promise<{ verdict: Verdict; code: number | null; pid: number }> {
  const run = await runCli([
    'repro',
    packageFiles.get(bugId) as string,
    '--app',
    join(REPO_ROOT, 'examples/checkout'),
    '--start',
    'node src/server.js',
    '--ready-path',
    '/health',
    '--sandbox',
    'namespace',
    '--json',
    ...extra,
  ]);
  let verdict: Verdict;
  try {
    verdict = JSON.parse(run.stdout) as Verdict;
  } catch {
    throw new Error(`no verdict on stdout (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
  }
  expect(leftoverWorkDirs(run.pid), 'work directories left behind').toEqual([]);
  expect(leftoverProcesses(run.pid), 'processes left running').toEqual([]);
  return { verdict, code: run.code, pid: run.pid };
}

describe.concurrent('every checkout bug, replayed in the namespace sandbox from its package alone', () => {
  it.each(bugs)(
    '$name is reproduced',
    async ({ bug }) => {
      const { verdict, code } = await repro(bug.id);
      expect(verdict.status, JSON.stringify(verdict, null, 2)).toBe('reproduced');
      expect(code).toBe(0);
      expect(verdict.sandbox).toBe('namespace');
      expect(verdict.replayed?.type).toBe(bug.errorType);
      expect(verdict.replayed?.message).toContain(bug.errorMessage);
      expect(verdict.divergences.filter((d) => d.source === 'timeline')).toEqual([]);
    },
    REPRO_TIMEOUT_MS,
  );

  it.each(bugs)(
    '$name does not happen with the fixed variant (CHECKOUT_FIXED=1)',
    async ({ bug }) => {
      const { verdict, code } = await repro(bug.id, ['--env', 'CHECKOUT_FIXED=1']);
      expect(verdict.status, JSON.stringify(verdict, null, 2)).toBe('not-reproduced');
      expect(code).toBe(1);
    },
    REPRO_TIMEOUT_MS,
  );
});
