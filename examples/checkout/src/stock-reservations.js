import { HttpError } from './errors.js';

/** Units of each limited edition released for sale when the service first meets an empty store. */
const INITIAL_UNITS = { 'PRINT-LTD': 25 };

/**
 * Limited editions are sold against reservation tokens in a Redis list, one
 * token per unit. When none is left, checkout waits a moment for a unit freed
 * by an abandoned cart hold (the hold expiry job pushes it back).
 *
 * @param {import('ioredis').Redis} redis a connection of its own: BLPOP blocks it
 * @param {{ waitSeconds: number, commandTimeoutMs: number, fixed: boolean }} options
 */
export function createStockReservations(redis, options) {
  const key = (/** @type {string} */ sku) => `stock:reservations:${sku}`;
  // The server-side wait must end before the client gives up on the command.
  const waitSeconds = options.fixed
    ? Math.min(options.waitSeconds, Math.max(0.05, (options.commandTimeoutMs - 200) / 1000))
    : options.waitSeconds;

  return {
    /** Puts the initial units on sale, once per store. */
    async seed() {
      for (const [sku, units] of Object.entries(INITIAL_UNITS)) {
        const tokens = Array.from({ length: units }, (_, index) => `${sku}#${index + 1}`);
        if ((await redis.set(`${key(sku)}:seeded`, '1', 'NX')) === 'OK')
          await redis.rpush(key(sku), ...tokens);
      }
    },

    /**
     * @param {string} sku
     * @returns {Promise<string>} the reservation token
     */
    async reserve(sku) {
      const popped = await redis.blpop(key(sku), waitSeconds);
      if (popped === null) {
        throw new HttpError(
          409,
          'sold_out',
          `${sku} is sold out; no unit was released within ${waitSeconds}s`,
        );
      }
      return popped[1];
    },
  };
}
