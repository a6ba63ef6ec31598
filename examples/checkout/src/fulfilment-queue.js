const STREAM = 'orders:fulfilment';

/**
 * Hands paid orders to the warehouse workers through a Redis stream.
 *
 * @param {import('ioredis').Redis} redis
 */
export function createFulfilmentQueue(redis) {
  return {
    /** @param {{ id: string, merchantId: string, totalCents: number }} order */
    async publish(order) {
      // Approximate trimming keeps the stream bounded at almost no cost.
      await redis.xadd(
        STREAM,
        'MAXLEN',
        '~',
        '10000',
        '*',
        'order',
        order.id,
        'merchant',
        order.merchantId,
        'total',
        String(order.totalCents),
      );
    },
  };
}
