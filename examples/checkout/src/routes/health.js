/**
 * Liveness: the server only listens once schemas, seeds and connections are
 * ready, so answering at all means ready.
 *
 * @param {import('fastify').FastifyInstance} app
 */
export function registerHealthRoutes(app) {
  app.get('/health', async () => ({ status: 'ok' }));
}
