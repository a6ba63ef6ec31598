import { HttpError } from './errors.js';

const MAX_LINES = 50;
const MAX_QTY = 99;

/**
 * @typedef {{ customerId?: unknown, items?: unknown, promoCode?: unknown,
 *   payment?: { method?: unknown, source?: unknown } }} LooseCart
 */

/**
 * Checks a checkout request body and returns it in its canonical shape, or
 * throws a 400 that says what is wrong.
 *
 * @param {unknown} body
 * @returns {{ customerId: number, items: { sku: string, qty: number }[], promoCode?: string,
 *   payment: { method: 'card' | 'installments', source?: string } }}
 */
export function validateCart(body) {
  const problems = [];
  const cart = /** @type {LooseCart} */ (typeof body === 'object' && body !== null ? body : {});
  if (!Number.isInteger(cart.customerId) || cart.customerId <= 0) {
    problems.push('customerId must be a positive integer');
  }
  if (!Array.isArray(cart.items) || cart.items.length === 0 || cart.items.length > MAX_LINES) {
    problems.push(`items must be an array of 1 to ${MAX_LINES} lines`);
  } else {
    cart.items.forEach((item, index) => {
      if (typeof item?.sku !== 'string' || item.sku === '') {
        problems.push(`items[${index}].sku must be a non-empty string`);
      }
      if (!Number.isInteger(item?.qty) || item.qty < 1 || item.qty > MAX_QTY) {
        problems.push(`items[${index}].qty must be an integer from 1 to ${MAX_QTY}`);
      }
    });
  }
  if (cart.promoCode !== undefined && typeof cart.promoCode !== 'string') {
    problems.push('promoCode must be a string');
  }
  const method = cart.payment?.method ?? 'card';
  if (method !== 'card' && method !== 'installments') {
    problems.push('payment.method must be card or installments');
  }
  if (problems.length > 0) throw new HttpError(400, 'invalid_cart', problems.join('; '));
  return {
    customerId: cart.customerId,
    items: cart.items.map((item) => ({ sku: item.sku, qty: item.qty })),
    ...(cart.promoCode === undefined ? {} : { promoCode: cart.promoCode }),
    payment: { method, ...(typeof cart.payment?.source === 'string' ? { source: cart.payment.source } : {}) },
  };
}
