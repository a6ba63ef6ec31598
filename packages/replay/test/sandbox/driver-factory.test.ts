import { describe, expect, test } from 'vitest';
import { probeBwrap } from '../../src/sandbox/bwrap-probe.js';
import { createSandboxDriver, detectDefaultDriver, NamespaceDriver } from '../../src/sandbox/index.js';
import { makeSpec } from './support/sandbox-fixtures.js';

describe('createSandboxDriver', () => {
  test('makes a driver of each kind', () => {
    expect(createSandboxDriver('process').kind).toBe('process');
    expect(createSandboxDriver('namespace').kind).toBe('namespace');
    expect(createSandboxDriver('microvm').kind).toBe('microvm');
  });

  test('a microvm driver without a guest kernel says where it looked and refuses to run', async () => {
    const driver = createSandboxDriver('microvm', { microvm: { kernelDir: '/nonexistent/guest-kernel' } });
    expect(await driver.status()).toEqual({
      available: false,
      detail: 'no guest kernel at /nonexistent/guest-kernel/vmlinuz (run scripts/install-system-deps.sh)',
    });
    await expect(driver.run(makeSpec('/tmp/unused'))).rejects.toMatchObject({
      code: 'FB_SANDBOX_UNAVAILABLE',
    });
  });
});

describe('namespace driver status', () => {
  test.runIf(process.platform === 'linux')(
    'says which package to install when bwrap is missing',
    async () => {
      const driver = new NamespaceDriver({ bwrapPath: 'bwrap-that-is-not-installed' });
      const status = await driver.status();
      expect(status).toEqual({
        available: false,
        detail: expect.stringContaining('install the Debian package bubblewrap'),
      });
      await expect(driver.run(makeSpec('/tmp/unused'))).rejects.toMatchObject({
        code: 'FB_SANDBOX_UNAVAILABLE',
        message: expect.stringContaining('bubblewrap'),
      });
    },
  );

  test.runIf(process.platform === 'linux')(
    'names bubblewrap and how the sandbox runs, and answers from its cache after',
    async () => {
      const driver = new NamespaceDriver();
      const first = await driver.status();
      expect(first).toMatchObject({
        available: true,
        detail: expect.stringMatching(/^bubblewrap \d+\.\d+\.\d+; sandbox runs as/),
      });
      expect(await new NamespaceDriver().status()).toEqual(first);
      // One probe per bwrap path and sandbox user for the life of the process.
      expect(probeBwrap({})).toBe(probeBwrap({}));
      expect(probeBwrap({ sandboxUser: { uid: 65534, gid: 65534 } })).toBe(probeBwrap({}));
    },
  );
});

describe('detectDefaultDriver', () => {
  test.runIf(process.platform === 'linux')('picks the namespace driver where bubblewrap works', async () => {
    const { driver, reason } = await detectDefaultDriver();
    expect(driver.kind).toBe('namespace');
    expect(reason).toMatch(/^bubblewrap/);
  });

  test('falls back to the process driver, with the reason, where it does not', async () => {
    const { driver, reason } = await detectDefaultDriver({
      namespace: { bwrapPath: 'bwrap-that-is-not-installed' },
    });
    expect(driver.kind).toBe('process');
    expect(reason).toMatch(
      /^namespace sandbox unavailable \(.+\); using the process driver, which does not isolate$/,
    );
  });
});
