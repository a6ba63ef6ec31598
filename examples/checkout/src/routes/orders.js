import { HttpError } from '../errors.js';

/**
 * GET /orders/:id and GET /orders/:id/receipt?locale=en
 *
 * @param {import('fastify').FastifyInstance} app
 * @param {{ orders: ReturnType<typeof import('../orders-repo.js').createOrdersRepo>,
 *   receipts: ReturnType<typeof import('../receipts.js').createReceipts> }} deps
 */
export function registerOrderRoutes(app, { orders, receipts }) {
  /** @param {string} id */
  const findOrder = (id) => {
    const order = orders.findOrder(id);
    if (!order) throw new HttpError(404, 'order_not_found', `no order ${id}`);
    return order;
  };

  app.get('/orders/:id', async (request) => findOrder(request.params.id));

  app.get('/orders/:id/receipt', async (request, reply) => {
    const order = findOrder(request.params.id);
    const locale = typeof request.query.locale === 'string' ? request.query.locale : 'en';
    const text = await receipts.render(order, locale);
    return reply.type('text/plain; charset=utf-8').send(text);
  });
}
