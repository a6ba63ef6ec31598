import { fingerprint } from '@flashback/protocol';
import { describe, expect, it } from 'vitest';
import { type CauseKind, escalate, triagePackage } from '../../src/triage/index.js';
import { DEMO_BUGS, type DemoBug, demoPackage, variant } from './support/demo-packages.js';
import { dbEvent, insertEvents } from './support/timeline-events.js';

const EXPECTED: Record<DemoBug, { tier: 2; kind: CauseKind; evidence: number[] } | { tier: 3 }> = {
  'bug1-zero-amount-charge': { tier: 2, kind: 'upstream-rejected', evidence: [3] },
  'bug2-deleted-customer': { tier: 2, kind: 'missing-row-dereference', evidence: [0] },
  'bug3-gateway-503': { tier: 2, kind: 'dependency-5xx', evidence: [2] },
  'bug3b-gateway-timeout': { tier: 2, kind: 'dependency-timeout', evidence: [2] },
  'bug4-redis-timeout': { tier: 2, kind: 'dependency-timeout', evidence: [2] },
  'bug5-expired-token': { tier: 2, kind: 'upstream-auth', evidence: [2] },
  'bug6-items-object': { tier: 2, kind: 'malformed-input', evidence: [] },
  // Duplicate payment rows: every query succeeded, nothing in the timeline is wrong. Only running
  // the code on those rows shows the failure, so no rule may claim it.
  'bug7-duplicate-payments': { tier: 3 },
  'bug8-missing-receipt-template': { tier: 2, kind: 'missing-object', evidence: [2] },
};

describe('triagePackage on the demo packages', () => {
  it.each(DEMO_BUGS)('%s lands in the expected tier with the expected cause', (bug) => {
    const result = triagePackage(demoPackage(bug));
    const expected = EXPECTED[bug];
    expect(result.tier).toBe(expected.tier);
    if (expected.tier === 2) {
      expect(result.cause?.kind).toBe(expected.kind);
      expect(result.cause?.evidence).toEqual(expected.evidence);
      expect(result.reason).toBe(`Rule ${expected.kind} explains it: ${result.cause?.summary}`);
    } else {
      expect(result.cause).toBeUndefined();
      expect(result.matches).toEqual([]);
    }
  });

  it('says the $0.00 charge after a 100% promo is exactly what it was', () => {
    expect(triagePackage(demoPackage('bug1-zero-amount-charge')).cause?.summary).toBe(
      'The payment gateway rejected the charge of $0.00: "Charge amount must be at least $0.50" (HTTP 400 amount_too_small)',
    );
  });

  it('sends the duplicate-payments bug to reproduction, saying why', () => {
    expect(triagePackage(demoPackage('bug7-duplicate-payments')).reason).toBe(
      'No rule explains it: reproduce',
    );
  });

  it('keeps every match, best first (S3 NoSuchKey is a missing object before it is a 4xx)', () => {
    const result = triagePackage(demoPackage('bug8-missing-receipt-template'));
    expect(result.matches.map((m) => m.rule)).toEqual(['missing-object', 'upstream-rejected']);
  });
});

describe('triagePackage when rules disagree', () => {
  it('prefers the refused charge over an earlier empty query that selected the same column', () => {
    const pkg = variant('bug1-zero-amount-charge', (p) => {
      insertEvents(
        p,
        dbEvent(3, {
          statement: 'SELECT id, status FROM gift_cards WHERE customer_id = $1',
          params: [1],
          fields: [
            { name: 'id', table: 'gift_cards', column: 'id' },
            { name: 'status', table: 'gift_cards', column: 'status' },
          ],
        }),
      );
    });
    const result = triagePackage(pkg);
    expect(result.cause?.kind).toBe('upstream-rejected');
    expect(result.matches.map((m) => m.rule)).toEqual(['upstream-rejected', 'missing-row-dereference']);
  });
});

describe('triagePackage tier 1 and options', () => {
  it('counts a package whose fingerprint the store knows as tier 1, without running rules', () => {
    const pkg = demoPackage('bug2-deleted-customer');
    const result = triagePackage(pkg, { knownFingerprints: new Set([pkg.fingerprint]) });
    expect(result).toEqual({
      tier: 1,
      reason: `Known issue: fingerprint ${pkg.fingerprint} was seen before`,
      matches: [],
      fingerprint: pkg.fingerprint,
    });
  });

  it("groups by the package's own fingerprint, as the SDK computed it", () => {
    const pkg = demoPackage('bug2-deleted-customer');
    expect(triagePackage(pkg).fingerprint).toBe(pkg.fingerprint);
    expect(fingerprint(pkg)).toBe(pkg.fingerprint);
  });

  it('computes the fingerprint when the package has none of the protocol form, or when asked to', () => {
    const expected = demoPackage('bug2-deleted-customer').fingerprint;
    const oldSdk = variant('bug2-deleted-customer', (p) => {
      p.fingerprint = 'checkout:TypeError';
    });
    expect(triagePackage(oldSdk).fingerprint).toBe(expected);
    expect(triagePackage(oldSdk, { knownFingerprints: new Set([expected]) }).tier).toBe(1);
    const stale = variant('bug2-deleted-customer', (p) => {
      p.fingerprint = '0123456789abcdef0123456789abcdef';
    });
    expect(triagePackage(stale).fingerprint).toBe('0123456789abcdef0123456789abcdef');
    expect(triagePackage(stale, { recomputeFingerprint: true }).fingerprint).toBe(expected);
  });

  it('treats an unknown fingerprint as new: the rules decide', () => {
    const result = triagePackage(demoPackage('bug2-deleted-customer'), {
      knownFingerprints: new Set(['other']),
    });
    expect(result.tier).toBe(2);
  });

  it('does not let a match below minConfidence explain a package', () => {
    const result = triagePackage(demoPackage('bug1-zero-amount-charge'), { minConfidence: 0.9 });
    expect(result.tier).toBe(3);
    expect(result.cause).toBeUndefined();
  });
});

describe('escalate', () => {
  it('turns a tier-3 result into tier 4 with the reason and detail', () => {
    const result = triagePackage(demoPackage('bug7-duplicate-payments'));
    expect(escalate(result, 'no-app-spec', 'service checkout has no app spec')).toEqual({
      tier: 4,
      escalation: 'no-app-spec',
      reason:
        'No app spec is registered for this service, so it cannot be reproduced: service checkout has no app spec',
      fingerprint: result.fingerprint,
    });
  });
});
