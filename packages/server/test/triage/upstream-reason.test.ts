import type { HttpEvent } from '@flashback/protocol';
import { describe, expect, it } from 'vitest';
import { upstreamReason } from '../../src/triage/support/upstream-reason.js';
import { httpEvent, textBody } from './support/timeline-events.js';

function answered(data: string, contentType: string): HttpEvent {
  return httpEvent(0, {
    method: 'POST',
    url: 'https://api.example/v1/x',
    status: 400,
    responseBody: textBody(data, contentType),
  });
}

describe('upstreamReason', () => {
  it.each([
    [
      'Stripe-like error object',
      '{"error":{"type":"invalid_request_error","code":"amount_too_small","message":"Too small"}}',
      { message: 'Too small', code: 'amount_too_small' },
    ],
    [
      'OAuth error',
      '{"error":"invalid_grant","error_description":"Refresh token expired"}',
      { message: 'Refresh token expired', code: 'invalid_grant' },
    ],
    [
      'RFC 7807 problem',
      '{"title":"Bad Request","detail":"sku must be set"}',
      { message: 'sku must be set' },
    ],
    [
      'errors list',
      '{"errors":[{"message":"email is taken","code":"E_TAKEN"}]}',
      { message: 'email is taken', code: 'E_TAKEN' },
    ],
    ['plain message', '{"message":"Nope","code":42}', { message: 'Nope', code: '42' }],
  ])('reads a %s', (_shape, body, expected) => {
    expect(upstreamReason(answered(body, 'application/json'))).toEqual(expected);
  });

  it('reads S3 XML errors', () => {
    const xml =
      '<?xml version="1.0"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>';
    expect(upstreamReason(answered(xml, 'application/xml'))).toEqual({
      code: 'NoSuchKey',
      message: 'The specified key does not exist.',
    });
  });

  it("reads an HTML error page's title", () => {
    expect(
      upstreamReason(answered('<html><head><title>502 Bad Gateway</title></head></html>', 'text/html')),
    ).toEqual({
      message: '502 Bad Gateway',
    });
  });

  it('reads the first line of plain text, and nothing from binary or empty bodies', () => {
    expect(upstreamReason(answered('quota exceeded\nretry later', 'text/plain'))).toEqual({
      message: 'quota exceeded',
    });
    expect(upstreamReason(answered('', 'text/plain'))).toEqual({});
    const binary = httpEvent(0, {
      method: 'GET',
      url: 'https://api.example/x',
      responseBody: { encoding: 'base64', data: 'AAEC', size: 3, truncated: false },
    });
    expect(upstreamReason(binary)).toEqual({});
  });
});
