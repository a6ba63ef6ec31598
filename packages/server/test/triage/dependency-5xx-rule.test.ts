import { describe, expect, it } from 'vitest';
import { dependency5xxRule } from '../../src/triage/index.js';
import { demoPackage, variant } from './support/demo-packages.js';
import { eventAt, httpEvent, insertEvents, jsonBody, textBody } from './support/timeline-events.js';

describe('dependency-5xx rule', () => {
  it("explains the SyntaxError from parsing the gateway's 503 HTML page as JSON (bug 3)", () => {
    expect(dependency5xxRule.explain(demoPackage('bug3-gateway-503'))).toEqual({
      kind: 'dependency-5xx',
      summary:
        'The payment gateway answered POST /v1/charges with HTTP 503 Service Unavailable, an HTML error page the code then parsed as JSON',
      evidence: [2],
      confidence: 0.95,
    });
  });

  it("quotes a JSON 5xx body's reason when the code threw on the status", () => {
    const pkg = variant('bug3-gateway-503', (p) => {
      const call = eventAt(p, 2, 'http');
      call.status = 502;
      call.statusText = 'Bad Gateway';
      call.responseBody = jsonBody({
        error: { message: 'upstream acquirer unavailable', code: 'acquirer_down' },
      });
      p.error = { type: 'HttpError', message: 'payment gateway answered 502', frames: [] };
    });
    expect(dependency5xxRule.explain(pkg)?.summary).toBe(
      'The payment gateway answered POST /v1/charges with HTTP 502 Bad Gateway: "upstream acquirer unavailable"',
    );
  });

  it('does not blame a 503 the app retried past (the retry answered)', () => {
    const pkg = variant('bug3-gateway-503', (p) => {
      insertEvents(
        p,
        httpEvent(3, {
          method: 'POST',
          url: eventAt(p, 2, 'http').url,
          responseBody: jsonBody({ charge: { id: 'ch_1', status: 'succeeded' } }),
        }),
      );
    });
    expect(dependency5xxRule.explain(pkg)).toBeUndefined();
  });

  it('does not blame an early 503 from another service when successful IO followed and the error is unrelated', () => {
    const pkg = variant('bug7-duplicate-payments', (p) => {
      insertEvents(
        p,
        httpEvent(0, {
          method: 'GET',
          url: 'http://recommendations.internal/v2/suggestions?customer=5',
          status: 503,
          statusText: 'Service Unavailable',
          responseBody: textBody('<html><body>busy</body></html>', 'text/html'),
        }),
      );
    });
    expect(dependency5xxRule.explain(pkg)).toBeUndefined();
  });

  it('does not treat a 4xx as a server error (bug 1)', () => {
    expect(dependency5xxRule.explain(demoPackage('bug1-zero-amount-charge'))).toBeUndefined();
  });
});
