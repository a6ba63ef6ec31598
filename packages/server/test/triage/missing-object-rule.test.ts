import { describe, expect, it } from 'vitest';
import { missingObjectRule } from '../../src/triage/index.js';
import { demoPackage, variant } from './support/demo-packages.js';
import { eventAt, httpEvent, insertEvents, jsonBody, textBody } from './support/timeline-events.js';

describe('missing-object rule', () => {
  it('explains NoSuchKey by the receipt template S3 does not have (bug 8)', () => {
    expect(missingObjectRule.explain(demoPackage('bug8-missing-receipt-template'))).toEqual({
      kind: 'missing-object',
      summary:
        'S3 has no object receipts/de.txt in bucket checkout-receipts (GetObject answered HTTP 404 NoSuchKey)',
      evidence: [2],
      confidence: 0.96,
    });
  });

  it('does not blame a missing template the code fell back from', () => {
    const pkg = variant('bug8-missing-receipt-template', (p) => {
      const missing = eventAt(p, 2, 'http');
      insertEvents(p, {
        ...structuredClone(missing),
        seq: 3,
        url: missing.url.replace('de.txt', 'en.txt'),
        aws: { service: 's3', operation: 'GetObject', bucket: 'checkout-receipts', key: 'receipts/en.txt' },
        status: 200,
        statusText: 'OK',
        responseBody: textBody('Receipt {{order}}', 'text/plain'),
      });
      p.error = {
        type: 'TypeError',
        message: "Cannot read properties of undefined (reading 'replace')",
        frames: [],
      };
    });
    expect(missingObjectRule.explain(pkg)).toBeUndefined();
  });

  it('does not treat a 404 from a plain HTTP API as a missing S3 object', () => {
    const pkg = variant('bug8-missing-receipt-template', (p) => {
      const call = eventAt(p, 2, 'http');
      call.aws = undefined;
      call.url = 'https://templates.internal/v1/receipts/de';
      call.responseBody = jsonBody({ message: 'not found' });
    });
    expect(missingObjectRule.explain(pkg)).toBeUndefined();
  });

  it('does not match a package whose S3 reads all succeeded', () => {
    const pkg = variant('bug7-duplicate-payments', (p) => {
      insertEvents(
        p,
        httpEvent(4, {
          method: 'GET',
          url: 'http://s3.internal:9000/checkout-receipts/receipts/en.txt?x-id=GetObject',
          aws: { service: 's3', operation: 'GetObject', bucket: 'checkout-receipts', key: 'receipts/en.txt' },
          responseBody: textBody('Receipt', 'text/plain'),
        }),
      );
    });
    expect(missingObjectRule.explain(pkg)).toBeUndefined();
  });
});
