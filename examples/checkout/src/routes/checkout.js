/**
 * POST /checkout
 * body: { customerId, items: [{ sku, qty }], promoCode?, payment?: { method: 'card' | 'installments', source? } }
 *
 * @param {import('fastify').FastifyInstance} app
 * @param {ReturnType<typeof import('../checkout-service.js').createCheckoutService>} checkoutService
 */
export function registerCheckoutRoutes(app, checkoutService) {
  app.post('/checkout', async (request) => checkoutService.checkout(request.body));
}
