import { describe, expect, it } from 'vitest';
import { upstreamRejectedRule } from '../../src/triage/index.js';
import { demoPackage, variant } from './support/demo-packages.js';
import { eventAt, httpEvent, insertEvents, jsonBody, textBody } from './support/timeline-events.js';

describe('upstream-rejected rule', () => {
  it("quotes the gateway's refusal of the $0.00 charge after a 100% promo (bug 1)", () => {
    expect(upstreamRejectedRule.explain(demoPackage('bug1-zero-amount-charge'))).toEqual({
      kind: 'upstream-rejected',
      summary:
        'The payment gateway rejected the charge of $0.00: "Charge amount must be at least $0.50" (HTTP 400 amount_too_small)',
      evidence: [3],
      confidence: 0.82,
    });
  });

  it('is more confident when the error quotes the reason too', () => {
    const pkg = variant('bug1-zero-amount-charge', (p) => {
      p.error = { type: 'HttpError', message: 'Charge amount must be at least $0.50', frames: [] };
    });
    expect(upstreamRejectedRule.explain(pkg)?.confidence).toBe(0.92);
  });

  it('reads a form-encoded request (amount in cents) and the detail of an RFC 7807 problem body', () => {
    const pkg = variant('bug1-zero-amount-charge', (p) => {
      const call = eventAt(p, 3, 'http');
      call.url = 'https://api.stripe.example/v1/payment_intents';
      call.requestBody = textBody(
        'amount=1999&currency=eur&confirm=true',
        'application/x-www-form-urlencoded',
      );
      call.status = 422;
      call.responseBody = textBody(
        JSON.stringify({
          type: 'https://errors.example/card',
          title: 'Unprocessable',
          detail: 'Card expired',
        }),
        'application/problem+json',
      );
    });
    expect(upstreamRejectedRule.explain(pkg)?.summary).toBe(
      'The payment gateway rejected the payment intent of €19.99: "Card expired" (HTTP 422)',
    );
  });

  it('does not blame a 400 the app corrected and retried successfully', () => {
    const pkg = variant('bug1-zero-amount-charge', (p) => {
      insertEvents(
        p,
        httpEvent(4, {
          method: 'POST',
          url: eventAt(p, 3, 'http').url,
          requestBody: jsonBody({ amount: 50, currency: 'usd' }),
          responseBody: jsonBody({ charge: { id: 'ch_1' } }),
        }),
      );
      p.error = { type: 'RangeError', message: 'Invalid time value', frames: [] };
    });
    expect(upstreamRejectedRule.explain(pkg)).toBeUndefined();
  });

  it('does not blame a handled 404 lookup followed by other IO and an unrelated error', () => {
    const pkg = variant('bug7-duplicate-payments', (p) => {
      insertEvents(
        p,
        httpEvent(0, {
          method: 'GET',
          url: 'https://crm.internal/v1/customers/5',
          status: 404,
          responseBody: jsonBody({ message: 'No such customer' }),
        }),
      );
    });
    expect(upstreamRejectedRule.explain(pkg)).toBeUndefined();
  });

  it('leaves 401/403 to the auth rule (bug 5)', () => {
    expect(upstreamRejectedRule.explain(demoPackage('bug5-expired-token'))).toBeUndefined();
  });
});
