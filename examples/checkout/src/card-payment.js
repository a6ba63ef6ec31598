import { HttpError } from './errors.js';

const DEFAULT_SOURCE = 'tok_visa';

/**
 * Charges the order total to the customer's card, on the account of the
 * merchant selling the goods.
 *
 * @param {{ auth: ReturnType<typeof import('./gateway-auth.js').createGatewayAuth>,
 *   gateway: ReturnType<typeof import('./gateway-client.js').createGatewayClient>, fixed: boolean }} deps
 */
export function createCardPayment({ auth, gateway, fixed }) {
  return {
    /**
     * @param {{ orderId: string, merchant: import('./catalogue-repo.js').Product,
     *   customer: import('./catalogue-repo.js').Customer, amountCents: number, currency: string, source?: string }} payment
     * @returns {Promise<{ chargeId: string | null }>}
     */
    async charge({ orderId, merchant, customer, amountCents, currency, source }) {
      // Nothing to charge (e.g. a 100% promo): the gateway refuses charges under $0.50.
      if (fixed && amountCents === 0) return { chargeId: null };
      const accessToken = await auth.accessTokenFor(merchant);
      const charge = await gateway.createCharge({
        accessToken,
        idempotencyKey: orderId,
        amountCents,
        currency,
        source: source ?? DEFAULT_SOURCE,
        description: `Order ${orderId} at ${merchant.merchant_name}`,
        receiptEmail: customer.email,
      });
      if (charge.status !== 'succeeded') {
        throw new HttpError(402, 'payment_failed', `charge ${charge.id} ended as ${charge.status}`);
      }
      return { chargeId: charge.id };
    },
  };
}
