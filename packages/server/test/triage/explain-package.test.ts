import { describe, expect, it } from 'vitest';
import { explainPackage, type TriageRule } from '../../src/triage/index.js';
import { demoPackage } from './support/demo-packages.js';

const always = (id: string, confidence: number): TriageRule => ({
  id,
  explain: () => ({ kind: 'dependency-5xx', summary: id, evidence: [], confidence }),
});

describe('explainPackage', () => {
  it('picks the most confident match', () => {
    const { cause, matches } = explainPackage(demoPackage('bug7-duplicate-payments'), [
      always('weak', 0.6),
      always('strong', 0.9),
    ]);
    expect(cause?.summary).toBe('strong');
    expect(matches.map((m) => m.rule)).toEqual(['strong', 'weak']);
  });

  it('breaks ties by rule order, most specific first', () => {
    const { cause } = explainPackage(demoPackage('bug7-duplicate-payments'), [
      always('specific', 0.8),
      always('generic', 0.8),
    ]);
    expect(cause?.summary).toBe('specific');
  });

  it('returns the cause without the rule id, and the matches with it', () => {
    const { cause, matches } = explainPackage(demoPackage('bug2-deleted-customer'));
    expect(cause).not.toHaveProperty('rule');
    expect(matches[0]?.rule).toBe('missing-row-dereference');
  });

  it('keeps explaining when one rule throws, and names the rule that did', () => {
    const broken: TriageRule = {
      id: 'broken',
      explain: () => {
        throw new Error('rule bug');
      },
    };
    const result = explainPackage(demoPackage('bug7-duplicate-payments'), [broken, always('fine', 0.7)]);
    expect(result.failedRules).toEqual(['broken']);
    expect(result.cause?.summary).toBe('fine');
  });

  it('explains nothing when no rule matches', () => {
    expect(explainPackage(demoPackage('bug7-duplicate-payments'))).toEqual({ matches: [], failedRules: [] });
  });
});
