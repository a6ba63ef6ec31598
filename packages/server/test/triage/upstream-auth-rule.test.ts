import { describe, expect, it } from 'vitest';
import { upstreamAuthRule } from '../../src/triage/index.js';
import { demoPackage, variant } from './support/demo-packages.js';
import { eventAt, httpEvent, insertEvents, jsonBody } from './support/timeline-events.js';

describe('upstream-auth rule', () => {
  it("explains the gateway's 401 token_expired as expired credentials (bug 5)", () => {
    expect(upstreamAuthRule.explain(demoPackage('bug5-expired-token'))).toEqual({
      kind: 'upstream-auth',
      summary:
        'Expired credentials: the payment gateway refused the charge of $35.00: "The access token expired at 2025-06-30T00:00:00.000Z" (HTTP 401 token_expired)',
      evidence: [2],
      confidence: 0.95,
    });
  });

  it('reads the reason from WWW-Authenticate when the 401 has no body', () => {
    const pkg = variant('bug5-expired-token', (p) => {
      const call = eventAt(p, 2, 'http');
      call.responseBody = undefined;
      call.responseHeaders = {
        'www-authenticate':
          'Bearer realm="payments", error="invalid_token", error_description="The token was revoked"',
      };
      p.error.message = "payment gateway refused the merchant's access token: ";
    });
    expect(upstreamAuthRule.explain(pkg)?.summary).toBe(
      'The payment gateway refused the credentials for the charge of $35.00: "The token was revoked" (HTTP 401 invalid_token)',
    );
  });

  it('recognises an expired token behind a 400 (OAuth invalid_grant on the token endpoint)', () => {
    const pkg = variant('bug5-expired-token', (p) => {
      const call = eventAt(p, 2, 'http');
      call.url = 'http://127.0.0.1:35999/v1/oauth/token';
      call.status = 400;
      call.responseBody = jsonBody({ error: 'invalid_grant', error_description: 'Refresh token expired' });
    });
    expect(upstreamAuthRule.explain(pkg)?.summary).toBe(
      'Expired credentials: the authorization server refused POST /v1/oauth/token: "Refresh token expired" (HTTP 400 invalid_grant)',
    );
  });

  it('does not blame a 401 the app recovered from by refreshing its token', () => {
    const pkg = variant('bug5-expired-token', (p) => {
      const refused = eventAt(p, 2, 'http');
      insertEvents(
        p,
        httpEvent(3, {
          method: 'POST',
          url: 'http://127.0.0.1:35999/v1/oauth/token',
          responseBody: jsonBody({ access_token: '[redacted:1]', expires_in: 3600 }),
        }),
        httpEvent(4, { method: 'POST', url: refused.url, responseBody: jsonBody({ charge: null }) }),
      );
      p.error = {
        type: 'TypeError',
        message: "Cannot read properties of null (reading 'status')",
        frames: [],
      };
    });
    expect(upstreamAuthRule.explain(pkg)).toBeUndefined();
  });

  it('does not call a business refusal an auth failure (bug 1: 400 amount_too_small)', () => {
    expect(upstreamAuthRule.explain(demoPackage('bug1-zero-amount-charge'))).toBeUndefined();
  });

  it('does not blame an early 403 from another service when the error is unrelated', () => {
    const pkg = variant('bug7-duplicate-payments', (p) => {
      insertEvents(
        p,
        httpEvent(0, {
          method: 'GET',
          url: 'https://loyalty.internal/v1/members/5',
          status: 403,
          responseBody: jsonBody({ message: 'Forbidden' }),
        }),
      );
    });
    expect(upstreamAuthRule.explain(pkg)).toBeUndefined();
  });
});
