import type { HttpTrigger } from '@flashback/protocol/types';
import { describe, expect, it } from 'vitest';
import { triggerRequest } from '../../src/runner/trigger-request.js';
import { buildPackage } from './support/package-builder.js';

const trigger = buildPackage().trigger as HttpTrigger;

describe('triggerRequest', () => {
  it('drops hop-by-hop, host and content-length headers and sizes the body actually sent', () => {
    const request = triggerRequest({
      ...trigger,
      headers: {
        ...trigger.headers,
        'Transfer-Encoding': 'chunked',
        'x-request-id': 'r1',
        cookie: ['a=1', 'b=2'],
      },
    });
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/checkout?x=1');
    expect(request.headers).toEqual({
      'content-type': 'application/json',
      'x-request-id': 'r1',
      cookie: ['a=1', 'b=2'],
      'content-length': '11',
    });
    expect(request.body?.toString()).toBe('{"cart":42}');
    expect(request.bodyTruncated).toBe(false);
  });

  it('decodes a base64 body and says when the recorded body was cut', () => {
    const bytes = Buffer.from([0, 1, 2, 250]);
    const request = triggerRequest({
      ...trigger,
      body: { encoding: 'base64', data: bytes.toString('base64'), size: 9000, truncated: true },
    });
    expect(request.body).toEqual(bytes);
    expect(request.headers['content-length']).toBe('4');
    expect(request.bodyTruncated).toBe(true);
  });

  it('sends no body and no content-length for a GET', () => {
    const { body, headers } = triggerRequest({ ...trigger, method: 'get', body: undefined, headers: {} });
    expect(body).toBeUndefined();
    expect(headers).toEqual({});
  });
});
