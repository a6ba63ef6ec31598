import { readFile } from 'node:fs/promises';
import { STAND_IN_CLIENT, startPaymentGateway } from './payment-gateway.js';
import { startS3Server } from './s3-server.js';

const RECEIPT_BUCKET = 'checkout-receipts';
const TEMPLATE_LOCALES = ['en', 'fr'];

/**
 * Starts the checkout service's outside world on loopback: the fake payment
 * gateway and the S3-compatible server with the receipt templates seeded.
 * PostgreSQL and Redis come from the caller.
 *
 * @param {{ gatewayPort?: number, s3Port?: number, gatewayNow?: () => number, gatewayHangMs?: number }} [options]
 *   `gatewayNow` pins the gateway's clock (token expiry is checked against it).
 */
export async function startStack(options = {}) {
  const gateway = await startPaymentGateway({
    port: options.gatewayPort,
    now: options.gatewayNow,
    hangMs: options.gatewayHangMs,
  });
  const s3 = await startS3Server({ port: options.s3Port }).catch(async (error) => {
    await gateway.stop();
    throw error;
  });
  s3.createBucket(RECEIPT_BUCKET);
  for (const locale of TEMPLATE_LOCALES) {
    const template = await readFile(new URL(`./receipt-templates/${locale}.txt`, import.meta.url));
    s3.putObject(RECEIPT_BUCKET, `receipts/${locale}.txt`, template, 'text/plain; charset=utf-8');
  }

  /** The service's environment for these stand-ins (add PORT, DATABASE_URL, REDIS_URL, ORDERS_DB). */
  const env = {
    PAYMENT_GATEWAY_URL: gateway.url,
    PAYMENT_GATEWAY_CLIENT_ID: STAND_IN_CLIENT.id,
    PAYMENT_GATEWAY_CLIENT_SECRET: STAND_IN_CLIENT.secret,
    S3_ENDPOINT: s3.url,
    S3_BUCKET: RECEIPT_BUCKET,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'stand-in-access-key',
    AWS_SECRET_ACCESS_KEY: 'stand-in-secret-key',
  };

  return {
    gateway,
    s3,
    env,
    async stop() {
      await Promise.all([gateway.stop(), s3.stop()]);
    },
  };
}
