import { randomUUID } from 'node:crypto';
import { validateCart } from './cart-validation.js';
import { HttpError } from './errors.js';
import { priceCart } from './pricing.js';

/**
 * The checkout: price the cart, reserve limited editions, take the payment,
 * record the order and hand it to fulfilment.
 *
 * @param {{
 *   catalogue: ReturnType<typeof import('./catalogue-repo.js').createCatalogueRepo>,
 *   orders: ReturnType<typeof import('./orders-repo.js').createOrdersRepo>,
 *   reservations: ReturnType<typeof import('./stock-reservations.js').createStockReservations>,
 *   cardPayment: ReturnType<typeof import('./card-payment.js').createCardPayment>,
 *   installmentPayment: ReturnType<typeof import('./installment-payment.js').createInstallmentPayment>,
 *   fulfilment: ReturnType<typeof import('./fulfilment-queue.js').createFulfilmentQueue>,
 *   fixed: boolean,
 * }} deps
 */
export function createCheckoutService(deps) {
  const { catalogue, orders, reservations, cardPayment, installmentPayment, fulfilment, fixed } = deps;

  return {
    /** @param {unknown} body the request body */
    async checkout(body) {
      // The original code trusted clients to send a well-formed cart.
      const cart = fixed ? validateCart(body) : /** @type {ReturnType<typeof validateCart>} */ (body);

      const customer = await catalogue.findCustomer(cart.customerId);
      if (fixed && !customer)
        throw new HttpError(404, 'customer_not_found', `no customer ${cart.customerId}`);
      if (customer.blocked) throw new HttpError(403, 'customer_blocked', 'this account cannot place orders');

      const skus = cart.items.map((item) => item.sku);
      const products = await catalogue.findProducts(skus);
      if (fixed) assertAllFound(skus, products);
      const promo = cart.promoCode ? await catalogue.findPromoCode(cart.promoCode) : undefined;
      if (cart.promoCode && !promo)
        throw new HttpError(422, 'unknown_promo_code', `no active promo ${cart.promoCode}`);

      const priced = priceCart(cart.items, products, promo);
      const merchant = products[0];
      if (products.some((product) => product.merchant_id !== merchant.merchant_id)) {
        throw new HttpError(422, 'mixed_merchants', 'a cart can hold goods of one merchant only');
      }
      for (const product of products) {
        if (product.limited_edition) await reservations.reserve(product.sku);
      }

      const orderId = `ord_${randomUUID()}`;
      const method = cart.payment?.method ?? 'card';
      let payment;
      if (method === 'installments') {
        payment = {
          method,
          chargeId: null,
          ...installmentPayment.addToPlan({ customerId: customer.id, amountCents: priced.totalCents }),
        };
      } else {
        const { chargeId } = await cardPayment.charge({
          orderId,
          merchant,
          customer,
          amountCents: priced.totalCents,
          currency: merchant.currency,
          source: cart.payment?.source,
        });
        payment = { method: chargeId === null ? 'none' : 'card', chargeId };
      }

      /** @type {import('./orders-repo.js').Order} */
      const order = {
        id: orderId,
        customerId: customer.id,
        customerName: customer.name,
        merchantId: merchant.merchant_id,
        status: method === 'installments' ? 'scheduled' : 'paid',
        currency: merchant.currency,
        ...priced,
        promoCode: promo?.code ?? null,
        paymentMethod: payment.method,
        chargeId: payment.chargeId,
        installmentPlanId: payment.planId ?? null,
        createdAt: new Date().toISOString(),
      };
      orders.insertOrder(order);
      await fulfilment.publish(order);
      return {
        orderId,
        status: order.status,
        totalCents: order.totalCents,
        currency: order.currency,
        payment,
        receiptUrl: `/orders/${orderId}/receipt`,
      };
    },
  };
}

/**
 * @param {string[]} skus
 * @param {{ sku: string }[]} products
 */
function assertAllFound(skus, products) {
  const found = new Set(products.map((product) => product.sku));
  const missing = skus.filter((sku) => !found.has(sku));
  if (missing.length > 0) throw new HttpError(422, 'unknown_product', `not for sale: ${missing.join(', ')}`);
}
