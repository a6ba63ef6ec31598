import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { mintToken, STAND_IN_SIGNING_KEY, verifyToken } from './gateway-tokens.js';
import { listen, readJson, sendJson } from './http-util.js';

/** Magic card sources, as real gateways offer in test mode. */
export const MAGIC_SOURCES = {
  declined: 'tok_chargeDeclined',
  /** The first attempt per idempotency key gets the load balancer's HTML 503. */
  busy: 'tok_gateway_busy',
  /** The first attempt per idempotency key gets no answer for `hangMs`. */
  slow: 'tok_gateway_slow',
};

export const STAND_IN_CLIENT = { id: 'checkout-service', secret: 'stand-in-client-secret' };

const MINIMUM_CHARGE_CENTS = 50;
const TOKEN_TTL_SECONDS = 3600;
const BUSY_PAGE =
  '<html><body><h1>503 Service Temporarily Unavailable</h1><p>upstream: payments-api</p></body></html>';

/**
 * A fake payment gateway on 127.0.0.1: OAuth client-credentials tokens, charges,
 * and the failure modes the checkout service meets in production.
 *
 * @param {{ port?: number, now?: () => number, hangMs?: number, signingKey?: string }} [options]
 *   `now` is the gateway's clock (token expiry is checked against it).
 */
export async function startPaymentGateway(options = {}) {
  const now = options.now ?? Date.now;
  const hangMs = options.hangMs ?? 30_000;
  const signingKey = options.signingKey ?? STAND_IN_SIGNING_KEY;
  /** @type {{ id: string, amount: number, currency: string, merchantId: string, source: string }[]} */
  const charges = [];
  /** @type {{ method: string, path: string, status: number }[]} */
  const requests = [];
  /** @type {Map<string, object>} */
  const byIdempotencyKey = new Map();
  const firstAttempts = new Set();
  const timers = new Set();

  const handlers = {
    'GET /health': async () => [200, { ok: true }],

    'POST /v1/oauth/token': async (req) => {
      const body = await readJson(req);
      if (body?.client_id !== STAND_IN_CLIENT.id || body?.client_secret !== STAND_IN_CLIENT.secret) {
        return [401, { error: { code: 'invalid_client', message: 'Unknown client or wrong secret' } }];
      }
      if (typeof body.merchant_id !== 'string') {
        return [400, { error: { code: 'invalid_request', message: 'merchant_id is required' } }];
      }
      const expiresAt = Math.floor(now() / 1000) + TOKEN_TTL_SECONDS;
      const accessToken = mintToken({ merchantId: body.merchant_id, expiresAt }, signingKey);
      return [
        200,
        {
          access_token: accessToken,
          token_type: 'Bearer',
          expires_in: TOKEN_TTL_SECONDS,
          expires_at: expiresAt,
        },
      ];
    },

    'POST /v1/charges': async (req, res) => {
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      const token = verifyToken(bearer, now(), signingKey);
      if (!token.ok)
        return [401, { error: { type: 'authentication_error', code: token.code, message: token.message } }];
      const body = await readJson(req);
      const amount = body?.amount;
      if (!Number.isInteger(amount)) {
        return [400, invalid('invalid_amount', 'amount must be an integer number of cents')];
      }
      if (amount < MINIMUM_CHARGE_CENTS) {
        return [400, invalid('amount_too_small', 'Charge amount must be at least $0.50')];
      }
      const idempotencyKey = req.headers['idempotency-key'];
      if (typeof idempotencyKey === 'string' && byIdempotencyKey.has(idempotencyKey)) {
        return [200, { charge: byIdempotencyKey.get(idempotencyKey) }];
      }
      const firstAttempt = typeof idempotencyKey !== 'string' || !firstAttempts.has(idempotencyKey);
      if (typeof idempotencyKey === 'string') firstAttempts.add(idempotencyKey);
      if (body.source === MAGIC_SOURCES.busy && firstAttempt) {
        res.writeHead(503, { 'content-type': 'text/html' }).end(BUSY_PAGE);
        return undefined;
      }
      if (body.source === MAGIC_SOURCES.slow && firstAttempt) {
        const clientGone = await new Promise((resolve) => {
          const timer = setTimeout(() => {
            timers.delete(timer);
            resolve(false);
          }, hangMs);
          timers.add(timer);
          res.once('close', () => {
            clearTimeout(timer);
            timers.delete(timer);
            resolve(true);
          });
        });
        if (clientGone) return undefined;
      }
      if (body.source === MAGIC_SOURCES.declined) {
        return [
          402,
          { error: { type: 'card_error', code: 'card_declined', message: 'Your card was declined.' } },
        ];
      }
      const charge = {
        id: `ch_${randomBytes(8).toString('hex')}`,
        status: 'succeeded',
        amount,
        currency: body.currency ?? 'usd',
        merchant: token.merchantId,
        created: Math.floor(now() / 1000),
      };
      charges.push({
        id: charge.id,
        amount,
        currency: charge.currency,
        merchantId: token.merchantId,
        source: body.source,
      });
      if (typeof idempotencyKey === 'string') byIdempotencyKey.set(idempotencyKey, charge);
      return [200, { charge }];
    },
  };

  const server = createServer(async (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const handler = handlers[`${req.method} ${path}`];
    try {
      const answer = handler
        ? await handler(req, res)
        : [404, { error: { code: 'not_found', message: path } }];
      if (answer) sendJson(res, answer[0], answer[1]);
    } catch (error) {
      sendJson(res, 400, { error: { code: 'invalid_request', message: String(error?.message ?? error) } });
    }
    requests.push({ method: req.method ?? 'GET', path, status: res.statusCode });
  });
  const port = await listen(server, options.port ?? 0);

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    charges,
    requests,
    async stop() {
      for (const timer of timers) clearTimeout(timer);
      await new Promise((resolve) => {
        server.close(resolve);
        server.closeAllConnections();
      });
    },
  };
}

function invalid(code, message) {
  return { error: { type: 'invalid_request_error', code, message } };
}
