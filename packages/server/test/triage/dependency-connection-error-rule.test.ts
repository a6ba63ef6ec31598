import type { ErrorPackage } from '@flashback/protocol';
import { describe, expect, it } from 'vitest';
import { dependencyConnectionErrorRule } from '../../src/triage/index.js';
import { demoPackage, variant } from './support/demo-packages.js';
import { dbEvent, eventAt, httpEvent, insertEvents, jsonBody } from './support/timeline-events.js';

/** Bug 3b's package as if the gateway had refused the connection instead of hanging. */
function refusedGateway(): ErrorPackage {
  return variant('bug3b-gateway-timeout', (p) => {
    const call = eventAt(p, 2, 'http');
    call.outcome = 'error';
    call.durationMs = 2;
    call.error = { name: 'Error', message: 'connect ECONNREFUSED 127.0.0.1:35999', code: 'ECONNREFUSED' };
    p.error = {
      type: 'TypeError',
      message: 'fetch failed',
      frames: [],
      cause: {
        type: 'Error',
        message: 'connect ECONNREFUSED 127.0.0.1:35999',
        code: 'ECONNREFUSED',
        frames: [],
      },
    };
  });
}

describe('dependency-connection-error rule', () => {
  it('explains a fetch that failed because the gateway refused the connection', () => {
    expect(dependencyConnectionErrorRule.explain(refusedGateway())).toEqual({
      kind: 'dependency-connection-error',
      summary: 'The payment gateway refused the connection for POST /v1/charges (ECONNREFUSED)',
      evidence: [2],
      confidence: 0.95,
    });
  });

  it('explains a PostgreSQL connection that dropped during the last query', () => {
    const pkg = variant('bug2-deleted-customer', (p) => {
      const query = eventAt(p, 0, 'db');
      query.outcome = 'error';
      query.rows = undefined;
      query.rowCount = undefined;
      query.error = { name: 'Error', message: 'Connection terminated unexpectedly' };
      p.error = { type: 'Error', message: 'Connection terminated unexpectedly', frames: [] };
    });
    expect(dependencyConnectionErrorRule.explain(pkg)?.summary).toBe(
      'The connection to PostgreSQL was closed during the query on customers',
    );
  });

  it('does not blame a reset the app retried past, even though the retry got a 4xx', () => {
    const pkg = variant('bug1-zero-amount-charge', (p) => {
      const answered = eventAt(p, 3, 'http');
      insertEvents(p, {
        ...structuredClone(answered),
        seq: 3,
        status: undefined,
        statusText: undefined,
        responseHeaders: undefined,
        responseBody: undefined,
        outcome: 'error',
        error: { name: 'Error', message: 'socket hang up', code: 'ECONNRESET' },
      });
    });
    expect(dependencyConnectionErrorRule.explain(pkg)).toBeUndefined();
  });

  it('does not blame a refused call to an unrelated service early in the request', () => {
    const pkg = variant('bug7-duplicate-payments', (p) => {
      insertEvents(
        p,
        httpEvent(0, {
          method: 'POST',
          url: 'http://metrics.internal:8125/v1/events',
          requestBody: jsonBody({ event: 'checkout.started' }),
          status: undefined,
          outcome: 'error',
          error: { name: 'Error', message: 'connect ECONNREFUSED 10.0.0.9:8125', code: 'ECONNREFUSED' },
        }),
      );
    });
    expect(dependencyConnectionErrorRule.explain(pkg)).toBeUndefined();
  });

  it('leaves timeouts to the timeout rule (bug 3b as captured)', () => {
    expect(dependencyConnectionErrorRule.explain(demoPackage('bug3b-gateway-timeout'))).toBeUndefined();
  });

  it('is not fooled by a query that merely returned nothing', () => {
    const pkg = variant('bug2-deleted-customer', (p) => {
      insertEvents(p, dbEvent(1, { statement: 'SELECT 1' }));
    });
    expect(dependencyConnectionErrorRule.explain(pkg)).toBeUndefined();
  });
});
