import { Redis } from 'ioredis';

/**
 * Redis connections. Commands that block server-side (stock reservations) get
 * their own connection: a blocked connection delays every command queued behind it.
 *
 * @param {{ redisUrl: string, redisKeyPrefix: string, redisCommandTimeoutMs: number }} config
 */
export function createRedisClients(config) {
  /** @param {string} connectionName */
  const connect = (connectionName) =>
    new Redis(config.redisUrl, {
      keyPrefix: config.redisKeyPrefix,
      commandTimeout: config.redisCommandTimeoutMs,
      maxRetriesPerRequest: 1,
      connectionName,
    });
  const cache = connect('checkout-cache');
  const blocking = connect('checkout-reservations');
  return {
    cache,
    blocking,
    async close() {
      // QUIT would queue behind a blocking pop still waiting server-side; nothing on that connection needs flushing.
      blocking.disconnect();
      await cache.quit().catch(() => cache.disconnect());
    },
  };
}

/**
 * Read-through cache of text values.
 *
 * @param {Redis} redis
 */
export function createTextCache(redis) {
  return {
    /**
     * @param {string} key
     * @param {number} ttlSeconds
     * @param {() => Promise<string>} load
     */
    async getOrLoad(key, ttlSeconds, load) {
      const cached = await redis.get(key);
      if (cached !== null) return cached;
      const value = await load();
      await redis.set(key, value, 'EX', ttlSeconds);
      return value;
    },
  };
}
