/**
 * A realistic error package for tests: a checkout request whose 100% promo code led to a $0.00
 * charge that the payment gateway refused. It carries the kinds of secrets real packages carry, so
 * redaction tests can check that none of them survives.
 */
import type { ErrorPackage } from '../types.js';

/** Secrets planted in the sample package; none may appear in a redacted copy. */
export const SAMPLE_SECRETS = {
  jwt: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI0MiIsImV4cCI6MTc3MzQ4MDAwMH0.c2lnLWFiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6MDEyMzQ1',
  sessionId: 's%3A9f2c1e7b5a4d3c2b1a0f9e8d7c6b5a4d',
  stripeKey: 'sk_live_51HqLyjWDarjtT1zdp7dcXkKq',
  dbPassword: 'S3cr3tPassw0rd',
  cardNumber: '4242 4242 4242 4242',
  passwordHash: '$2b$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy',
  csrfToken: 'c8f1e2d3b4a5968778695a4b3c2d1e0f',
} as const;

const REQUEST_BODY =
  '{"cartId":"cart_9f8e7d","promoCode":"SPRING100","email":"ada@example.com","payment":{"cardNumber":"4242 4242 4242 4242","cvc":"123","expMonth":12,"expYear":2027}}';
const GATEWAY_RESPONSE =
  '{"error":{"type":"invalid_request_error","code":"amount_too_small","message":"Amount must be at least 50 cents"}}';
const GATEWAY_REQUEST = 'amount=0&currency=usd&source=tok_visa&description=Order+1042';

/**
 * Builds a fresh, valid sample package; `overrides` replace top-level fields. Each call returns new
 * objects, so tests may mutate the result.
 */
export function buildSamplePackage(overrides: Partial<ErrorPackage> = {}): ErrorPackage {
  const s = SAMPLE_SECRETS;
  return {
    format: 'flashback.error-package/1',
    id: 'b3c1f8e2-4a6d-4e1f-9c2b-7d8e9f0a1b2c',
    capturedAt: '2026-03-14T09:26:53.589Z',
    sdk: { name: '@flashback/node', version: '0.1.0' },
    service: {
      name: 'checkout',
      version: '1.4.2',
      commit: '9fceb02d0ae598e95dc970b74767f19372d61af8',
      environment: 'production',
    },
    runtime: {
      nodeVersion: 'v20.19.0',
      platform: 'linux',
      arch: 'x64',
      hostname: 'checkout-7d9f8b6c5-x2k4p',
      pid: 4821,
      appRoot: '/srv/checkout',
      env: {
        NODE_ENV: 'production',
        PORT: '3000',
        DATABASE_URL: `postgresql://checkout:${s.dbPassword}@db.internal:5432/shop`,
        STRIPE_SECRET_KEY: s.stripeKey,
      },
      dependencies: { fastify: '5.6.1', pg: '8.16.3', ioredis: '5.8.2' },
    },
    mechanism: { kind: 'framework', handled: true, framework: 'fastify' },
    trigger: {
      kind: 'http',
      method: 'POST',
      url: '/api/checkout?promo=SPRING100&utm_source=newsletter',
      headers: {
        host: 'shop.example.com',
        'content-type': 'application/json',
        authorization: `Bearer ${s.jwt}`,
        cookie: `sid=${s.sessionId}; theme=dark`,
        'user-agent': 'Mozilla/5.0 (X11; Linux x86_64)',
        'x-request-id': '5f0c6a2e-8d1b-4c3a-9e7f-1a2b3c4d5e6f',
      },
      body: {
        contentType: 'application/json',
        encoding: 'utf8',
        data: REQUEST_BODY,
        size: 162,
        truncated: false,
      },
      startedAt: '2026-03-14T09:26:53.412Z',
      remoteAddress: '203.0.113.7',
      route: '/api/checkout',
      response: { status: 502 },
    },
    error: {
      type: 'GatewayError',
      message: 'Payment gateway returned 402 for order 1042: amount_too_small',
      code: 'GATEWAY_REJECTED',
      stack: [
        'GatewayError: Payment gateway returned 402 for order 1042: amount_too_small',
        '    at chargeCard (/srv/checkout/src/payments/gateway.js:48:11)',
        '    at async checkout (/srv/checkout/src/routes/checkout.js:71:20)',
        '    at async processTicksAndRejections (node:internal/process/task_queues:95:5)',
      ].join('\n'),
      frames: [
        {
          function: 'chargeCard',
          file: '/srv/checkout/src/payments/gateway.js',
          module: 'src/payments/gateway.js',
          line: 48,
          column: 11,
          inApp: true,
          locals: {
            amountCents: 0,
            currency: 'usd',
            apiKey: s.stripeKey,
            response: { status: 402, body: { error: { code: 'amount_too_small' } } },
            attempt: { $fb: 'undefined' },
          },
        },
        {
          function: 'checkout',
          file: '/srv/checkout/src/routes/checkout.js',
          module: 'src/routes/checkout.js',
          line: 71,
          column: 20,
          inApp: true,
          locals: {
            orderId: 1042,
            total: 0,
            promo: { code: 'SPRING100', percentOff: 100 },
            placedAt: { $fb: 'date', iso: '2026-03-14T09:26:53.500Z' },
            user: { id: 42, email: 'ada@example.com', password_hash: s.passwordHash },
          },
        },
        {
          function: 'processTicksAndRejections',
          file: 'node:internal/process/task_queues',
          module: 'node:internal/process/task_queues',
          line: 95,
          column: 5,
          inApp: false,
        },
      ],
      cause: {
        type: 'HttpError',
        message: 'Request failed with status code 402',
        frames: [],
      },
    },
    timeline: [
      {
        type: 'redis',
        seq: 0,
        startOffsetMs: 1.2,
        durationMs: 0.8,
        outcome: 'ok',
        client: 'ioredis',
        server: 'redis.internal:6379/0',
        command: 'GET',
        args: [`session:${s.sessionId}`],
        reply: `{"userId":42,"csrfToken":"${s.csrfToken}"}`,
      },
      {
        type: 'db',
        seq: 1,
        startOffsetMs: 2.4,
        durationMs: 3.1,
        outcome: 'ok',
        system: 'postgresql',
        database: 'postgresql://checkout@db.internal:5432/shop',
        operation: 'query',
        statement: 'SELECT id, email, password_hash FROM users WHERE id = $1',
        params: [42],
        command: 'SELECT',
        fields: [
          { name: 'id', dataTypeId: 23, table: 'users', column: 'id' },
          { name: 'email', dataTypeId: 25, table: 'users', column: 'email' },
          { name: 'password_hash', dataTypeId: 25, table: 'users', column: 'password_hash' },
        ],
        rows: [[42, 'ada@example.com', s.passwordHash]],
        rowCount: 1,
      },
      {
        type: 'db',
        seq: 2,
        startOffsetMs: 6.0,
        durationMs: 2.2,
        outcome: 'ok',
        system: 'postgresql',
        database: 'postgresql://checkout@db.internal:5432/shop',
        operation: 'query',
        statement: 'SELECT code, percent_off, expires_at FROM promo_codes WHERE code = $1',
        params: ['SPRING100'],
        command: 'SELECT',
        fields: [
          { name: 'code', dataTypeId: 25 },
          { name: 'percent_off', dataTypeId: 23 },
          { name: 'expires_at', dataTypeId: 1184 },
        ],
        rows: [['SPRING100', 100, { $fb: 'date', iso: '2026-04-01T00:00:00.000Z' }]],
        rowCount: 1,
      },
      {
        type: 'clock',
        seq: 3,
        startOffsetMs: 8.5,
        durationMs: 0,
        outcome: 'ok',
        source: 'Date.now',
        value: 1773480413500,
      },
      {
        type: 'http',
        seq: 4,
        startOffsetMs: 9.1,
        durationMs: 182.4,
        outcome: 'ok',
        method: 'POST',
        url: 'https://api.payments.example/v1/charges?idempotency=order-1042',
        requestHeaders: {
          authorization: `Bearer ${s.stripeKey}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        requestBody: { encoding: 'utf8', data: GATEWAY_REQUEST, size: 60, truncated: false },
        status: 402,
        statusText: 'Payment Required',
        responseHeaders: { 'content-type': 'application/json', 'request-id': 'req_Xz8pQ2mN4vB7kL' },
        responseBody: {
          contentType: 'application/json',
          encoding: 'utf8',
          data: GATEWAY_RESPONSE,
          size: 113,
          truncated: false,
        },
      },
    ],
    schemas: [
      {
        system: 'postgresql',
        database: 'postgresql://checkout@db.internal:5432/shop',
        tables: [
          {
            name: 'users',
            ddl: 'CREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL, password_hash text NOT NULL);',
          },
          {
            name: 'promo_codes',
            ddl: 'CREATE TABLE promo_codes (code text PRIMARY KEY, percent_off integer NOT NULL, expires_at timestamptz);',
          },
        ],
      },
    ],
    fingerprint: '3f7a9c2e5b8d1f4a6c0e2b9d7f5a3c1e',
    redactions: [],
    ...overrides,
  };
}
