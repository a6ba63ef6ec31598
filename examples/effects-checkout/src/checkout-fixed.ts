/**
 * The checkout after the fix: an order the promo made free is not charged; it is recorded as paid
 * with no charge. Same program name, so the production trace replays against it.
 */
import { defineProgram } from '@flashback/effects';
import { type CheckoutInput, chargeAndRecord, priceCart, recordOrder } from './checkout-steps.js';

export const checkoutFixed = defineProgram(
  { name: 'checkout', module: import.meta.url },
  (input: CheckoutInput) =>
    priceCart(input).andThen((priced) =>
      priced.totalCents === 0 ? recordOrder(priced.cart, 0, null) : chargeAndRecord(priced),
    ),
);
