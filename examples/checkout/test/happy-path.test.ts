import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { happyPathRequest } from '../requests/checkout-requests.js';
import { type CheckoutUnderTest, startCheckout } from './start-checkout.js';

interface CheckoutAnswer {
  orderId: string;
  status: string;
  totalCents: number;
  currency: string;
  payment: { method: string; chargeId: string | null; planId?: number; schedule?: { amountCents: number }[] };
  receiptUrl: string;
}

describe('checkout happy path (buggy variant: the bugs need their own requests)', () => {
  let checkout: CheckoutUnderTest;
  beforeAll(async () => {
    checkout = await startCheckout();
  });
  afterAll(async () => {
    await checkout?.stop();
  });

  it('charges the card, stores the order and queues it for fulfilment', async () => {
    const { app, stack } = checkout;
    const res = await app.request<CheckoutAnswer>(
      happyPathRequest.method,
      happyPathRequest.path,
      happyPathRequest.body,
    );
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      status: 'paid',
      totalCents: 2400,
      currency: 'usd',
      payment: { method: 'card' },
    });
    const charge = stack.gateway.charges.find((c) => c.id === res.json.payment.chargeId);
    expect(charge).toEqual(
      expect.objectContaining({ amount: 2400, merchantId: 'm_house', source: 'tok_visa' }),
    );

    const order = await app.request<{ id: string; lines: unknown[]; chargeId: string }>(
      'GET',
      `/orders/${res.json.orderId}`,
    );
    expect(order.status).toBe(200);
    expect(order.json).toMatchObject({
      id: res.json.orderId,
      chargeId: res.json.payment.chargeId,
      lines: [{ sku: 'MUG-01', qty: 2, unitCents: 1200, totalCents: 2400 }],
    });

    const redis = new Redis(inject('redisUrl'), { keyPrefix: checkout.redisKeyPrefix });
    const entries = await redis.xrange('orders:fulfilment', '-', '+');
    redis.disconnect();
    expect(entries.map(([, fields]) => fields.slice(0, 2))).toContainEqual(['order', res.json.orderId]);
  });

  it('applies a percentage promo code to the charge', async () => {
    const res = await checkout.app.request<CheckoutAnswer>('POST', '/checkout', {
      customerId: 2,
      items: [{ sku: 'LAMP-01', qty: 1 }],
      promoCode: 'WELCOME10',
    });
    expect(res.status).toBe(200);
    expect(res.json.totalCents).toBe(4410);
  });

  it('reserves a unit of a limited edition that is in stock', async () => {
    const res = await checkout.app.request('POST', '/checkout', {
      customerId: 4,
      items: [{ sku: 'PRINT-LTD', qty: 1 }],
    });
    expect(res.status).toBe(200);
  });

  it('opens an installment plan for a customer without one, charging nothing now', async () => {
    const charges = checkout.stack.gateway.charges.length;
    const res = await checkout.app.request<CheckoutAnswer>('POST', '/checkout', {
      customerId: 4,
      items: [{ sku: 'LAMP-01', qty: 1 }],
      payment: { method: 'installments' },
    });
    expect(res.status).toBe(200);
    expect(res.json.status).toBe('scheduled');
    expect(res.json.payment.schedule?.map((s) => s.amountCents)).toEqual([1633, 1633, 1634]);
    expect(checkout.stack.gateway.charges.length).toBe(charges);
  });

  it('renders a receipt from the S3 template, in the requested locale', async () => {
    const en = await checkout.app.request('GET', '/orders/ord_seed_0001/receipt');
    expect(en.status).toBe(200);
    expect(en.headers['content-type']).toContain('text/plain');
    expect(en.text).toContain('Order ord_seed_0001');
    expect(en.text).toContain('Total     24.00 USD');
    const fr = await checkout.app.request('GET', '/orders/ord_seed_0001/receipt?locale=fr');
    expect(fr.text).toContain('Commande ord_seed_0001');
  });

  it('answers 404 for an unknown order and 402 for a declined card', async () => {
    expect((await checkout.app.request('GET', '/orders/ord_nope')).status).toBe(404);
    const declined = await checkout.app.request<{ code: string }>('POST', '/checkout', {
      customerId: 1,
      items: [{ sku: 'MUG-01', qty: 1 }],
      payment: { method: 'card', source: 'tok_chargeDeclined' },
    });
    expect(declined.status).toBe(402);
    expect(declined.json.code).toBe('card_declined');
  });
});
