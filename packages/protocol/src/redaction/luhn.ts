/**
 * Whether a digit string passes the Luhn checksum that every payment card number carries. Used to
 * tell card numbers from other long numbers (order numbers, ids), nine in ten of which fail it.
 */
export function passesLuhn(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let digit = digits.charCodeAt(i) - 48;
    if (double) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
    double = !double;
  }
  return sum % 10 === 0;
}

/** Whether `text` (digits with optional spaces or dashes) is a plausible card number: 13–19 digits passing Luhn. */
export function isCardNumber(text: string): boolean {
  const digits = text.replace(/[ -]/g, '');
  return digits.length >= 13 && digits.length <= 19 && passesLuhn(digits);
}
