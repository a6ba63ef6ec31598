import { randomUUID } from 'node:crypto';
import type { ErrorPackage } from '@flashback/protocol/types';

/** A minimal valid error package; `padding` adds that many characters to grow it. */
export function makePackage(
  overrides: { id?: string; message?: string; padding?: number } = {},
): ErrorPackage {
  return {
    format: 'flashback.error-package/1',
    id: overrides.id ?? randomUUID(),
    capturedAt: new Date().toISOString(),
    sdk: { name: '@flashback/node', version: '0.1.0' },
    service: { name: 'transport-test', environment: 'test' },
    runtime: {
      nodeVersion: process.version,
      platform: process.platform,
      arch: process.arch,
      hostname: 'test-host',
      pid: process.pid,
      appRoot: '/app',
      env: {},
      dependencies: {},
    },
    mechanism: { kind: 'captureException', handled: true },
    trigger: null,
    error: {
      type: 'TypeError',
      message: `${overrides.message ?? 'boom'}${'x'.repeat(overrides.padding ?? 0)}`,
      frames: [],
    },
    timeline: [],
    schemas: [],
    fingerprint: 'test-fingerprint',
    redactions: [],
  };
}
