import { randomUUID } from 'node:crypto';
import { type ErrorPackage, fingerprint } from '@flashback/protocol';
import { buildSamplePackage } from '../../../protocol/src/test-fixtures/sample-package.js';

/**
 * The sample package: a $0.00 charge the payment gateway refused. Triage explains it from the
 * timeline (tier 2) the first time its fingerprint is seen.
 */
export function explainedPackage(overrides: Partial<ErrorPackage> = {}): ErrorPackage {
  return buildSamplePackage({ id: randomUUID(), ...overrides });
}

/**
 * A package no tier-2 rule explains (no IO, no trigger), so a new one goes to tier 3. `variant`
 * changes the error type and with it the fingerprint.
 */
export function unexplainedPackage(variant = 'a', overrides: Partial<ErrorPackage> = {}): ErrorPackage {
  const base = buildSamplePackage({ id: randomUUID(), timeline: [], trigger: null, schemas: [] });
  const pkg: ErrorPackage = {
    ...base,
    error: {
      type: `InvariantError${variant.toUpperCase()}`,
      message: 'ledger totals diverged',
      frames: [
        {
          function: 'reconcile',
          file: '/srv/checkout/src/ledger.js',
          module: 'src/ledger.js',
          line: 12,
          column: 3,
          inApp: true,
        },
      ],
    },
    ...overrides,
  };
  // The SDK sends the fingerprint of the error it captured; so does this factory.
  return { ...pkg, fingerprint: fingerprint(pkg) };
}

/** `count` packages of one issue (same fingerprint), each with its own id. */
export function occurrences(count: number, make: () => ErrorPackage = explainedPackage): ErrorPackage[] {
  return Array.from({ length: count }, () => make());
}
