/**
 * The requests that exercise the checkout service: the happy path, and the one
 * request that triggers each production bug (see BUGS.md). Shared by the tests,
 * the demo and the benchmark so they all fire exactly the same thing.
 */

/** A normal checkout: 2 PostgreSQL queries, 1 gateway charge, 1 SQLite insert, 1 Redis XADD. */
export const happyPathRequest = {
  method: 'POST',
  path: '/checkout',
  body: {
    customerId: 1,
    items: [{ sku: 'MUG-01', qty: 2 }],
    payment: { method: 'card', source: 'tok_visa' },
  },
};

export const bugRequests = [
  {
    bug: 1,
    id: 'free-order-charge-rejected',
    title: 'A 100% promo code makes the total $0.00; the gateway rejects the charge and the service crashes',
    method: 'POST',
    path: '/checkout',
    body: {
      customerId: 1,
      items: [{ sku: 'TEE-01', qty: 1 }],
      promoCode: 'STAFF100',
      payment: { method: 'card' },
    },
    errorType: 'TypeError',
    errorMessage: "Cannot read properties of undefined (reading 'status')",
    fixedStatus: 200,
  },
  {
    bug: 2,
    id: 'deleted-customer',
    title: 'The customer was deleted; the query returns no row and the code dereferences it',
    method: 'POST',
    path: '/checkout',
    body: { customerId: 3, items: [{ sku: 'MUG-01', qty: 1 }], payment: { method: 'card' } },
    errorType: 'TypeError',
    errorMessage: "Cannot read properties of undefined (reading 'blocked')",
    fixedStatus: 404,
  },
  {
    bug: 3,
    id: 'gateway-503',
    title: "The payment gateway's load balancer answers 503 with an HTML page",
    method: 'POST',
    path: '/checkout',
    body: {
      customerId: 2,
      items: [{ sku: 'LAMP-01', qty: 1 }],
      payment: { method: 'card', source: 'tok_gateway_busy' },
    },
    errorType: 'SyntaxError',
    errorMessage: 'is not valid JSON',
    fixedStatus: 200,
  },
  {
    bug: 3,
    id: 'gateway-timeout',
    title: 'The payment gateway does not answer; the client-side timeout fires',
    method: 'POST',
    path: '/checkout',
    body: {
      customerId: 2,
      items: [{ sku: 'MUG-01', qty: 3 }],
      payment: { method: 'card', source: 'tok_gateway_slow' },
    },
    errorType: 'TimeoutError',
    errorMessage: 'The operation was aborted due to timeout',
    fixedStatus: 200,
  },
  {
    bug: 4,
    id: 'redis-reservation-timeout',
    title:
      'A sold-out limited edition: the blocking pop for a reservation outlasts the Redis command timeout',
    method: 'POST',
    path: '/checkout',
    body: { customerId: 4, items: [{ sku: 'POSTER-LTD', qty: 1 }], payment: { method: 'card' } },
    errorType: 'Error',
    errorMessage: 'Command timed out',
    fixedStatus: 409,
  },
  {
    bug: 5,
    id: 'expired-merchant-token',
    title: "The merchant's stored gateway token has expired; the gateway answers 401 token_expired",
    method: 'POST',
    path: '/checkout',
    body: { customerId: 2, items: [{ sku: 'RECORD-01', qty: 1 }], payment: { method: 'card' } },
    errorType: 'GatewayAuthError',
    errorMessage: "payment gateway refused the merchant's access token",
    fixedStatus: 200,
  },
  {
    bug: 6,
    id: 'malformed-items',
    title: 'A client sends items as an object instead of an array',
    method: 'POST',
    path: '/checkout',
    body: { customerId: 1, items: { sku: 'MUG-01', qty: 1 }, payment: { method: 'card' } },
    errorType: 'TypeError',
    errorMessage: 'cart.items.map is not a function',
    fixedStatus: 400,
  },
  {
    bug: 7,
    id: 'installments-duplicate-payments',
    title: 'Duplicate payment rows make the months left negative; re-spreading the plan throws',
    method: 'POST',
    path: '/checkout',
    body: { customerId: 5, items: [{ sku: 'LAMP-01', qty: 1 }], payment: { method: 'installments' } },
    errorType: 'RangeError',
    errorMessage: 'Invalid array length',
    fixedStatus: 200,
  },
  {
    bug: 8,
    id: 'missing-receipt-template',
    title: 'A receipt in a locale without a template: S3 answers NoSuchKey',
    method: 'GET',
    path: '/orders/ord_seed_0001/receipt?locale=de',
    body: undefined,
    errorType: 'NoSuchKey',
    errorMessage: 'The specified key does not exist.',
    fixedStatus: 200,
  },
];

/**
 * The service's settings a captured package should carry (`FLASHBACK_ENV_ALLOWLIST`): every
 * variable that points at a dependency or shapes how the service talks to it, so a reproduction
 * starts the app configured as it ran.
 */
export const checkoutEnvAllowlist = [
  'PAYMENT_GATEWAY_URL',
  'PAYMENT_GATEWAY_CLIENT_ID',
  'PAYMENT_GATEWAY_CLIENT_SECRET',
  'PAYMENT_GATEWAY_TIMEOUT_MS',
  'S3_ENDPOINT',
  'S3_BUCKET',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'ORDERS_DB',
  'REDIS_KEY_PREFIX',
  'REDIS_COMMAND_TIMEOUT_MS',
  'STOCK_RESERVATION_WAIT_S',
  'CHECKOUT_FIXED',
  'FLASHBACK_SERVICE',
].join(',');
