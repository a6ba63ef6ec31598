/**
 * The checkout as it ran in production. The bug: it always charges the card, even when a 100%
 * promo brought the total to $0.00, and the gateway rejects a $0.00 charge.
 */
import { defineProgram } from '@flashback/effects';
import { type CheckoutInput, chargeAndRecord, priceCart } from './checkout-steps.js';

export const checkout = defineProgram({ name: 'checkout', module: import.meta.url }, (input: CheckoutInput) =>
  priceCart(input).andThen(chargeAndRecord),
);
