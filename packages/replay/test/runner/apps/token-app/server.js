// A tiny service whose failure depends on the clock: the merchant token expires at
// TOKEN_EXPIRES_AT, and /pay refuses to work past it. /crash-at-start exists to make start fail.
import Fastify from 'fastify';

class TokenExpiredError extends Error {
  name = 'TokenExpiredError';
}

const expiresAt = Date.parse(process.env.TOKEN_EXPIRES_AT ?? '2025-06-30T00:00:00.000Z');

function assertTokenValid() {
  if (Date.now() >= expiresAt) {
    throw new TokenExpiredError(`merchant token expired at ${new Date(expiresAt).toISOString()}`);
  }
}

const app = Fastify({ logger: false });
app.get('/health', async () => ({ ok: true }));
app.post('/pay', async (request) => {
  assertTokenValid();
  return { paid: request.body?.amount ?? 0, at: new Date().toISOString() };
});

await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 3000) });
