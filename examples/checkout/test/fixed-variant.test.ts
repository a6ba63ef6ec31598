import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bugRequests, happyPathRequest } from '../requests/checkout-requests.js';
import { type CheckoutUnderTest, startCheckout } from './start-checkout.js';

describe('fixed variant (CHECKOUT_FIXED=1): no bug request answers 5xx', () => {
  let checkout: CheckoutUnderTest;
  beforeAll(async () => {
    checkout = await startCheckout({ fixed: true });
  });
  afterAll(async () => {
    await checkout?.stop();
  });

  it.each(bugRequests.map((r) => [`${r.bug} ${r.id}`, r] as const))('bug %s is fixed', async (_, bug) => {
    const res = await checkout.app.request(bug.method, bug.path, bug.body);
    expect(res.status, `${bug.id} answered ${res.text}`).toBe(bug.fixedStatus);
    expect(checkout.app.stderr()).not.toContain(bug.errorMessage);
  });

  it('still serves the happy path', async () => {
    const res = await checkout.app.request(
      happyPathRequest.method,
      happyPathRequest.path,
      happyPathRequest.body,
    );
    expect(res.status).toBe(200);
  });

  it('a free order is recorded as paid without a charge', async () => {
    const bug = bugRequests.find((r) => r.bug === 1);
    const before = checkout.stack.gateway.requests.filter((r) => r.path === '/v1/charges').length;
    const res = await checkout.app.request<{
      status: string;
      totalCents: number;
      payment: { chargeId: null };
    }>('POST', '/checkout', bug?.body);
    expect(res.json).toMatchObject({
      status: 'paid',
      totalCents: 0,
      payment: { method: 'none', chargeId: null },
    });
    expect(checkout.stack.gateway.requests.filter((r) => r.path === '/v1/charges').length).toBe(before);
  });

  it('retries a busy gateway with the same idempotency key: one charge, not two', async () => {
    const bug = bugRequests.find((r) => r.id === 'gateway-503');
    const before = checkout.stack.gateway.charges.length;
    const res = await checkout.app.request<{ payment: { chargeId: string } }>('POST', '/checkout', bug?.body);
    expect(res.status).toBe(200);
    expect(checkout.stack.gateway.charges.length).toBe(before + 1);
  });

  it('the 400 for malformed input says what is wrong', async () => {
    const bug = bugRequests.find((r) => r.bug === 6);
    const res = await checkout.app.request<{ code: string; message: string }>('POST', '/checkout', bug?.body);
    expect(res.json).toMatchObject({
      code: 'invalid_cart',
      message: expect.stringContaining('items must be an array'),
    });
  });
});
