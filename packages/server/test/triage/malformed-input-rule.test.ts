import { describe, expect, it } from 'vitest';
import { malformedInputRule } from '../../src/triage/index.js';
import { demoPackage, variant } from './support/demo-packages.js';

function jsonParseMessage(text: string): string {
  try {
    JSON.parse(text);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`${text} is valid JSON`);
}

describe('malformed-input rule', () => {
  it("explains cart.items.map is not a function by the body's items being an object (bug 6)", () => {
    expect(malformedInputRule.explain(demoPackage('bug6-items-object'))).toEqual({
      kind: 'malformed-input',
      summary:
        'Malformed input: body.items is an object where the code expects an array (TypeError: cart.items.map is not a function)',
      evidence: [],
      confidence: 0.9,
    });
  });

  it('explains a missing field the code iterated over', () => {
    const pkg = variant('bug6-items-object', (p) => {
      if (p.trigger?.kind !== 'http' || !p.trigger.body) throw new Error('bug 6 has an HTTP body');
      p.trigger.body.data = '{"customerId":1,"payment":{"method":"card"}}';
      p.error.message = 'body.items is not iterable';
    });
    expect(malformedInputRule.explain(pkg)?.summary).toBe(
      'Malformed input: body.items is missing (TypeError: body.items is not iterable)',
    );
  });

  it('explains a JSON SyntaxError by a request body that is not valid JSON', () => {
    const data = '{"customerId":1,"items":[';
    const pkg = variant('bug6-items-object', (p) => {
      if (p.trigger?.kind !== 'http' || !p.trigger.body) throw new Error('bug 6 has an HTTP body');
      p.trigger.body.data = data;
      p.error = { type: 'SyntaxError', message: jsonParseMessage(data), frames: [] };
    });
    expect(malformedInputRule.explain(pkg)?.summary).toBe(
      'Malformed input: the request body is not valid JSON (SyntaxError: Unexpected end of JSON input)',
    );
  });

  it('explains a validation error naming a query parameter', () => {
    const pkg = variant('bug8-missing-receipt-template', (p) => {
      p.error = { type: 'ValidationError', message: '"locale" must be one of [en, fr]', frames: [] };
    });
    expect(malformedInputRule.explain(pkg)?.summary).toBe(
      'Malformed input: query.locale (\'de\') was rejected by validation (ValidationError: "locale" must be one of [en, fr])',
    );
  });

  it('does not match when the property has the type the code expects (a well-formed body)', () => {
    const pkg = variant('bug6-items-object', (p) => {
      if (p.trigger?.kind !== 'http' || !p.trigger.body) throw new Error('bug 6 has an HTTP body');
      p.trigger.body.data = '{"customerId":1,"items":[{"sku":"MUG-01","qty":1}],"payment":{"method":"card"}}';
    });
    expect(malformedInputRule.explain(pkg)).toBeUndefined();
  });

  it("does not blame the request body for an upstream's HTML the code parsed as JSON (bug 3)", () => {
    expect(malformedInputRule.explain(demoPackage('bug3-gateway-503'))).toBeUndefined();
  });

  it('does not match a dereference unrelated to the input (bug 1)', () => {
    expect(malformedInputRule.explain(demoPackage('bug1-zero-amount-charge'))).toBeUndefined();
  });

  it('does not call a field missing when the expression is rooted in app state, not the input', () => {
    const pkg = variant('bug7-duplicate-payments', (p) => {
      p.error = { type: 'TypeError', message: 'plan.schedule is not iterable', frames: p.error.frames };
    });
    expect(malformedInputRule.explain(pkg)).toBeUndefined();
  });
});
