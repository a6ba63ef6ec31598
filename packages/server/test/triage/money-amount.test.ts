import { describe, expect, it } from 'vitest';
import { describeAmount } from '../../src/triage/support/money-amount.js';

describe('describeAmount', () => {
  it('reads an integer amount next to a currency as minor units (the gateway takes cents)', () => {
    expect(describeAmount({ amount: 0, currency: 'usd' })).toBe('$0.00');
    expect(describeAmount({ amount: 3500, currency: 'usd' })).toBe('$35.00');
  });

  it("uses the currency's own exponent", () => {
    expect(describeAmount({ amount: 500, currency: 'jpy' })).toBe('¥500');
    expect(describeAmount({ amount: 1999, currency: 'EUR' })).toBe('€19.99');
  });

  it('groups thousands and keeps the sign and the currency code where en-US writes one', () => {
    expect(describeAmount({ amount: 123456789, currency: 'usd' })).toBe('$1,234,567.89');
    expect(describeAmount({ amount: -500, currency: 'usd' })).toBe('-$5.00');
    expect(describeAmount({ amount: 123450, currency: 'chf' })).toBe('CHF\u00a01,234.50');
  });

  it('reads a fractional amount as major units', () => {
    expect(describeAmount({ amount: 12.5, currency: 'usd' })).toBe('$12.50');
  });

  it('reads form-encoded strings and Adyen-style nested amounts', () => {
    expect(describeAmount({ amount: '0', currency: 'usd' })).toBe('$0.00');
    expect(describeAmount({ amount: { value: 1000, currency: 'GBP' } })).toBe('£10.00');
  });

  it('never guesses a currency symbol', () => {
    expect(describeAmount({ amount_cents: 1234 })).toBe('12.34');
    expect(describeAmount({ amount: 7 })).toBe('7');
    expect(describeAmount({ amount: 100, currency: 'XX1' })).toBe('100');
  });

  it('says nothing when there is no amount', () => {
    expect(describeAmount({ currency: 'usd' })).toBeUndefined();
    expect(describeAmount(undefined)).toBeUndefined();
  });
});
