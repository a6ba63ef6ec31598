import { describe, expect, it } from 'vitest';
import { isCardNumber, passesLuhn } from './luhn.js';

describe('passesLuhn', () => {
  it.each([
    '4242424242424242',
    '378282246310005',
    '5555555555554444',
    '6011111111111117',
    '4222222222222',
    '0',
  ])('accepts %s', (digits) => {
    expect(passesLuhn(digits)).toBe(true);
  });

  it.each(['4242424242424241', '378282246310006', '1234567812345678', '12a4', ''])('rejects %j', (digits) => {
    expect(passesLuhn(digits)).toBe(false);
  });
});

describe('isCardNumber', () => {
  it('accepts card numbers written with spaces or dashes', () => {
    expect(isCardNumber('4242 4242 4242 4242')).toBe(true);
    expect(isCardNumber('3782-822463-10005')).toBe(true);
  });

  it('rejects a 16-digit number that fails the checksum (an order number)', () => {
    expect(isCardNumber('4242 4242 4242 4241')).toBe(false);
  });

  it('rejects Luhn-valid numbers shorter than 13 or longer than 19 digits', () => {
    expect(passesLuhn('424242424242')).toBe(true);
    expect(isCardNumber('424242424242')).toBe(false);
    expect(passesLuhn('42424242424242424242')).toBe(true);
    expect(isCardNumber('42424242424242424242')).toBe(false);
  });
});
