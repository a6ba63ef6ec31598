import { waitFor } from '@flashback-dev/test-harness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bugRequests } from '../requests/checkout-requests.js';
import { type CheckoutUnderTest, startCheckout } from './start-checkout.js';

interface ErrorAnswer {
  statusCode: number;
  code?: string;
  message: string;
}

describe('production bugs: each request fails with its own error', () => {
  let checkout: CheckoutUnderTest;
  beforeAll(async () => {
    checkout = await startCheckout();
  });
  afterAll(async () => {
    await checkout?.stop();
  });

  it.each(bugRequests.map((r) => [`${r.bug} ${r.id}`, r] as const))(
    'bug %s answers 5xx with its error',
    async (_, bug) => {
      const res = await checkout.app.request<ErrorAnswer>(bug.method, bug.path, bug.body);
      expect(res.status, `status of ${bug.id}: ${res.text}`).toBeGreaterThanOrEqual(500);
      expect(res.json.message).toContain(bug.errorMessage);
      await waitFor(() => checkout.app.stderr().includes(bug.errorMessage), {
        what: `the service log to mention "${bug.errorMessage}"`,
        timeoutMs: 2_000,
      });
    },
  );

  it('gives every bug a distinct error', () => {
    const messages = bugRequests.map((r) => r.errorMessage);
    expect(new Set(messages).size).toBe(messages.length);
  });

  it('keeps serving normal checkouts after the failures', async () => {
    const res = await checkout.app.request('POST', '/checkout', {
      customerId: 1,
      items: [{ sku: 'MUG-01', qty: 1 }],
    });
    expect(res.status).toBe(200);
  });

  it('bug 5 says why the gateway refused: the merchant token expired', async () => {
    const bug = bugRequests.find((r) => r.id === 'expired-merchant-token');
    const res = await checkout.app.request<ErrorAnswer>('POST', '/checkout', bug?.body);
    expect(res.json).toMatchObject({ statusCode: 500, code: 'GATEWAY_UNAUTHORIZED' });
    expect(res.json.message).toContain('token_expired');
    expect(res.json.message).toContain('2025-06-30T00:00:00.000Z');
  });
});

describe('bug 5 depends on the wall clock', () => {
  let checkout: CheckoutUnderTest;
  beforeAll(async () => {
    // The gateway's clock pinned to a day before the merchant token expired (2025-06-30).
    checkout = await startCheckout({ stack: { gatewayNow: () => Date.parse('2025-06-29T12:00:00Z') } });
  });
  afterAll(async () => {
    await checkout?.stop();
  });

  it('the same request succeeds while the token has not yet expired', async () => {
    const bug = bugRequests.find((r) => r.id === 'expired-merchant-token');
    const res = await checkout.app.request('POST', '/checkout', bug?.body);
    expect(res.status).toBe(200);
    expect(checkout.stack.gateway.charges.at(-1)?.merchantId).toBe('m_harbor');
  });
});
