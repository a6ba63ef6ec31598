import pg from 'pg';
import { createRedisClients, createTextCache } from './cache.js';
import { createCardPayment } from './card-payment.js';
import { createCatalogueRepo } from './catalogue-repo.js';
import { ensureCatalogueSchema } from './catalogue-schema.js';
import { createCheckoutService } from './checkout-service.js';
import { createFulfilmentQueue } from './fulfilment-queue.js';
import { createGatewayAuth } from './gateway-auth.js';
import { createGatewayClient } from './gateway-client.js';
import { createInstallmentPayment } from './installment-payment.js';
import { createInstallmentsRepo } from './installments-repo.js';
import { openOrdersDb } from './orders-db.js';
import { createOrdersRepo } from './orders-repo.js';
import { createReceipts } from './receipts.js';
import { createStockReservations } from './stock-reservations.js';

/**
 * Connects to everything the service uses, creating schemas and seed data
 * where absent, and wires the parts together.
 *
 * @param {import('./config.js').Config} config
 */
export async function createDependencies(config) {
  const { fixed } = config;
  const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 10 });
  const ordersDb = openOrdersDb(config.ordersDbPath);
  const redis = createRedisClients(config);
  const close = async () => {
    await Promise.allSettled([pool.end(), redis.close()]);
    ordersDb.close();
  };

  try {
    await ensureCatalogueSchema(pool);
    const reservations = createStockReservations(redis.blocking, {
      waitSeconds: config.stockReservationWaitSeconds,
      commandTimeoutMs: config.redisCommandTimeoutMs,
      fixed,
    });
    await reservations.seed();

    const catalogue = createCatalogueRepo(pool);
    const orders = createOrdersRepo(ordersDb);
    const receipts = createReceipts(config, createTextCache(redis.cache));
    const cardPayment = createCardPayment({
      auth: createGatewayAuth(config),
      gateway: createGatewayClient(config),
      fixed,
    });
    const checkoutService = createCheckoutService({
      catalogue,
      orders,
      reservations,
      cardPayment,
      installmentPayment: createInstallmentPayment(createInstallmentsRepo(ordersDb, { fixed }), { fixed }),
      fulfilment: createFulfilmentQueue(redis.cache),
      fixed,
    });
    return {
      checkoutService,
      orders,
      receipts,
      async close() {
        receipts.close();
        await close();
      },
    };
  } catch (error) {
    await close();
    throw error;
  }
}
