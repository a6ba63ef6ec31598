import { describe, expect, it } from 'vitest';
import { dependencyTimeoutRule } from '../../src/triage/index.js';
import { demoPackage, variant } from './support/demo-packages.js';
import {
  dbEvent,
  eventAt,
  httpEvent,
  insertEvents,
  jsonBody,
  redisEvent,
} from './support/timeline-events.js';

describe('dependency-timeout rule', () => {
  it('explains the gateway call that timed out right before the TimeoutError (bug 3b)', () => {
    expect(dependencyTimeoutRule.explain(demoPackage('bug3b-gateway-timeout'))).toEqual({
      kind: 'dependency-timeout',
      summary: 'The payment gateway call POST /v1/charges timed out after 809 ms',
      evidence: [2],
      confidence: 0.95,
    });
  });

  it('explains the Redis BLPOP that outwaited the client timeout, naming its server-side wait (bug 4)', () => {
    const cause = dependencyTimeoutRule.explain(demoPackage('bug4-redis-timeout'));
    expect(cause?.summary).toBe(
      'The Redis command BLPOP checkout:stock:reservations:POSTER-LTD timed out after 501 ms; it blocks server-side for up to 2 s',
    );
    expect(cause?.evidence).toEqual([2]);
  });

  it('counts every timed-out retry of the same call as evidence', () => {
    const pkg = variant('bug3b-gateway-timeout', (p) => {
      const first = eventAt(p, 2, 'http');
      insertEvents(p, { ...structuredClone(first), seq: 2 });
    });
    const cause = dependencyTimeoutRule.explain(pkg);
    expect(cause?.evidence).toEqual([2, 3]);
    expect(cause?.summary).toMatch(/timed out after 809 ms \(2 attempts\)$/);
  });

  it('explains a PostgreSQL statement timeout the error names, even when a ROLLBACK ran after it', () => {
    const pkg = variant('bug7-duplicate-payments', (p) => {
      insertEvents(
        p,
        dbEvent(4, {
          statement: 'SELECT * FROM installment_payments WHERE plan_id = $1',
          params: [1],
          outcome: 'error',
          rows: undefined,
          rowCount: undefined,
          error: { message: 'canceling statement due to statement timeout', code: '57014' },
        }),
        dbEvent(5, { statement: 'ROLLBACK', command: 'ROLLBACK' }),
      );
      p.error = {
        type: 'DatabaseError',
        message: 'canceling statement due to statement timeout',
        code: '57014',
        frames: [],
      };
    });
    const cause = dependencyTimeoutRule.explain(pkg);
    expect(cause?.summary).toMatch(/^The PostgreSQL query on installment_payments timed out after 1 ms$/);
    expect(cause?.confidence).toBe(0.95);
  });

  it('does not blame a timeout the app retried past (a later call to the same endpoint answered)', () => {
    const pkg = variant('bug3b-gateway-timeout', (p) => {
      insertEvents(
        p,
        httpEvent(3, {
          method: 'POST',
          url: eventAt(p, 2, 'http').url,
          responseBody: jsonBody({ charge: {} }),
        }),
      );
      p.error = {
        type: 'TypeError',
        message: "Cannot read properties of undefined (reading 'id')",
        frames: [],
      };
    });
    expect(dependencyTimeoutRule.explain(pkg)).toBeUndefined();
  });

  it('does not blame an early timeout the error does not mention when other IO followed it', () => {
    const pkg = variant('bug7-duplicate-payments', (p) => {
      insertEvents(
        p,
        redisEvent(0, {
          command: 'GET',
          args: ['checkout:feature-flags'],
          reply: undefined,
          outcome: 'timeout',
          durationMs: 500,
          error: { name: 'Error', message: 'Command timed out' },
        }),
      );
    });
    expect(dependencyTimeoutRule.explain(pkg)).toBeUndefined();
  });

  it('says nothing about a package without a timeout (bug 1: the gateway answered 400)', () => {
    expect(dependencyTimeoutRule.explain(demoPackage('bug1-zero-amount-charge'))).toBeUndefined();
  });
});
