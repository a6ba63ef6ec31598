/**
 * The service's configuration, read once from the environment at startup.
 *
 * @typedef {object} Config
 * @property {number} port
 * @property {string} databaseUrl PostgreSQL: the catalogue (products, merchants, promo codes, customers)
 * @property {string} ordersDbPath SQLite file: orders and installment plans
 * @property {string} redisUrl
 * @property {string} redisKeyPrefix
 * @property {number} redisCommandTimeoutMs
 * @property {number} stockReservationWaitSeconds how long to wait for a limited-edition unit to be released
 * @property {string} gatewayUrl
 * @property {number} gatewayTimeoutMs
 * @property {{ id: string, secret: string }} gatewayClient OAuth client credentials for merchant tokens
 * @property {{ endpoint: string | undefined, bucket: string, region: string, accessKeyId: string, secretAccessKey: string }} s3
 * @property {boolean} fixed CHECKOUT_FIXED=1: the variant with every known production bug fixed
 * @property {string} logLevel
 */

/**
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {Config}
 */
export function loadConfig(env = process.env) {
  return {
    port: integer(env, 'PORT', 3000),
    databaseUrl: required(env, 'DATABASE_URL'),
    ordersDbPath: env.ORDERS_DB || './data/orders.db',
    redisUrl: env.REDIS_URL || 'redis://127.0.0.1:6379',
    redisKeyPrefix: env.REDIS_KEY_PREFIX ?? 'checkout:',
    redisCommandTimeoutMs: integer(env, 'REDIS_COMMAND_TIMEOUT_MS', 500),
    stockReservationWaitSeconds: Number(env.STOCK_RESERVATION_WAIT_S || 2),
    gatewayUrl: required(env, 'PAYMENT_GATEWAY_URL').replace(/\/$/, ''),
    gatewayTimeoutMs: integer(env, 'PAYMENT_GATEWAY_TIMEOUT_MS', 2000),
    gatewayClient: {
      id: env.PAYMENT_GATEWAY_CLIENT_ID || 'checkout-service',
      secret: env.PAYMENT_GATEWAY_CLIENT_SECRET || '',
    },
    s3: {
      endpoint: env.S3_ENDPOINT || undefined,
      bucket: env.S3_BUCKET || 'checkout-receipts',
      region: env.AWS_REGION || 'us-east-1',
      accessKeyId: env.AWS_ACCESS_KEY_ID || 'local-access-key',
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY || 'local-secret-key',
    },
    fixed: env.CHECKOUT_FIXED === '1',
    logLevel: env.LOG_LEVEL || 'warn',
  };
}

/** @param {NodeJS.ProcessEnv} env @param {string} name */
function required(env, name) {
  const value = env[name];
  if (!value)
    throw new Error(
      `${name} is not set; see examples/checkout/README.md for the environment the service needs`,
    );
  return value;
}

/** @param {NodeJS.ProcessEnv} env @param {string} name @param {number} fallback */
function integer(env, name, fallback) {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name}=${raw} is not a non-negative integer`);
  return value;
}
