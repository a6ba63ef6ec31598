import Fastify from 'fastify';
import { registerCheckoutRoutes } from './routes/checkout.js';
import { registerHealthRoutes } from './routes/health.js';
import { registerOrderRoutes } from './routes/orders.js';

/**
 * Builds the HTTP app around ready dependencies; does not listen.
 *
 * @param {{ checkoutService: ReturnType<typeof import('./checkout-service.js').createCheckoutService>,
 *   orders: ReturnType<typeof import('./orders-repo.js').createOrdersRepo>,
 *   receipts: ReturnType<typeof import('./receipts.js').createReceipts> }} deps
 * @param {{ logLevel: string }} options
 */
export function buildApp(deps, options) {
  // Logs go to stderr: stdout stays free for tools that drive the service.
  const app = Fastify({ logger: { level: options.logLevel, stream: process.stderr } });
  registerHealthRoutes(app);
  registerCheckoutRoutes(app, deps.checkoutService);
  registerOrderRoutes(app, deps);
  return app;
}
