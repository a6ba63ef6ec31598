import { gunzipSync, gzipSync } from 'node:zlib';
import type { HttpEvent } from '@flashback/protocol/types';
import { describe, expect, it } from 'vitest';
import { httpReplyAction, neverConnected, recordedResponse } from '../../src/stubs/http-reply.js';
import { encodeForWire } from '../../src/stubs/response-body.js';
import { chargeRejected, gatewayTimeout, s3NoSuchKey } from './support/captured-events.js';

const failed = (code: string, name = 'Error', extra: Partial<HttpEvent> = {}): HttpEvent => ({
  ...gatewayTimeout,
  outcome: 'error',
  error: { name, message: code, code },
  durationMs: 40,
  ...extra,
});

describe('httpReplyAction', () => {
  it('answers an ok exchange with the recorded status, text, headers and body after the scaled latency', () => {
    const action = httpReplyAction(chargeRejected, 'POST', 2);
    expect(action).toMatchObject({ kind: 'respond', delayMs: 2 * 9.093 });
    if (action.kind !== 'respond') throw new Error('expected respond');
    expect(action.head).toEqual({
      status: 400,
      statusText: 'Bad Request',
      headers: {
        'content-type': 'application/json',
        date: 'Sun, 22 Nov 2026 07:10:27 GMT',
        'content-length': '117',
      },
    });
    expect(action.body.toString()).toBe(chargeRejected.responseBody?.data);
  });

  it('holds a recorded timeout, a pending call and a client-side abort', () => {
    expect(httpReplyAction(gatewayTimeout, 'POST', 1)).toEqual({ kind: 'hold', partial: undefined });
    expect(httpReplyAction({ ...gatewayTimeout, outcome: 'pending', durationMs: null }, 'POST', 1).kind).toBe(
      'hold',
    );
    expect(httpReplyAction(failed('ABORT_ERR', 'AbortError'), 'POST', 1).kind).toBe('hold');
    expect(httpReplyAction(failed('UND_ERR_HEADERS_TIMEOUT'), 'POST', 1).kind).toBe('hold');
  });

  it('resets for a recorded reset, and for refusals on an origin that also answered', () => {
    expect(httpReplyAction(failed('ECONNRESET'), 'POST', 0.5)).toEqual({
      kind: 'reset',
      delayMs: 20,
      partial: undefined,
    });
    expect(httpReplyAction(failed('ECONNREFUSED'), 'POST', 1).kind).toBe('reset');
    expect(httpReplyAction(failed('EPIPE'), 'POST', 1).kind).toBe('reset');
  });

  it('sends what had arrived before a mid-response failure, without a length so the client waits for more', () => {
    const cut = failed('ECONNRESET', 'Error', {
      status: 200,
      responseHeaders: { 'content-type': 'text/plain', 'content-length': '1000' },
      responseBody: { encoding: 'utf8', data: 'first half', size: 10, truncated: false },
    });
    const action = httpReplyAction(cut, 'GET', 1);
    expect(action.kind).toBe('reset');
    expect(action.kind === 'reset' && action.partial?.head.headers).toEqual({ 'content-type': 'text/plain' });
    expect(action.kind === 'reset' && action.partial?.body.toString()).toBe('first half');
  });

  it('tells the calls that never connected', () => {
    expect(neverConnected(failed('ECONNREFUSED'))).toBe(true);
    expect(neverConnected(failed('ENOTFOUND'))).toBe(true);
    expect(neverConnected(failed('ECONNRESET'))).toBe(false);
    expect(neverConnected(chargeRejected)).toBe(false);
  });
});

describe('recordedResponse', () => {
  it('drops hop-by-hop and framing headers and sets the length of what is sent', () => {
    const { head, body } = recordedResponse(s3NoSuchKey, 'GET');
    expect(Object.keys(head.headers).sort()).toEqual([
      'content-length',
      'content-type',
      'date',
      'x-amz-request-id',
    ]);
    expect(head.headers['content-length']).toBe(String(body.byteLength));
  });

  it('keeps the recorded length and sends no body for HEAD, 204 and 304', () => {
    const head = {
      ...s3NoSuchKey,
      method: 'HEAD',
      status: 200,
      responseHeaders: { 'content-length': '5120', etag: '"v7"' },
    };
    expect(recordedResponse(head, 'HEAD')).toEqual({
      head: { status: 200, statusText: 'Not Found', headers: { 'content-length': '5120', etag: '"v7"' } },
      body: Buffer.alloc(0),
    });
    expect(recordedResponse({ ...chargeRejected, status: 304 }, 'GET').body.byteLength).toBe(0);
  });

  it('sends binary bodies as the recorded bytes', () => {
    const bytes = Buffer.from([0, 1, 2, 255]);
    const event = {
      ...chargeRejected,
      responseBody: {
        encoding: 'base64' as const,
        data: bytes.toString('base64'),
        size: 4,
        truncated: false,
      },
    };
    expect(recordedResponse(event, 'GET').body.equals(bytes)).toBe(true);
  });

  it('leaves out a reason phrase Node cannot send', () => {
    expect(
      recordedResponse({ ...chargeRejected, statusText: 'Bad\nRequest' }, 'POST').head.statusText,
    ).toBeUndefined();
  });

  it('re-compresses a body fetch recorded decoded, so the client decodes the recorded body', () => {
    const json = '{"id":42,"name":"Ada Lovelace"}';
    const event = {
      ...chargeRejected,
      responseHeaders: {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        'content-length': '51',
      },
      responseBody: { encoding: 'utf8' as const, data: json, size: json.length, truncated: false },
    };
    const { head, body } = recordedResponse(event, 'GET');
    expect(head.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(body).toString()).toBe(json);
    expect(head.headers['content-length']).toBe(String(body.byteLength));
  });
});

describe('encodeForWire', () => {
  const text = { encoding: 'utf8' as const, truncated: false };
  const wire = { encoding: 'base64' as const, truncated: false };

  it('sends recorded wire bytes (node:http recordings) as they are', () => {
    const gzipped = gzipSync('hello');
    expect(encodeForWire(gzipped, 'gzip', wire)).toEqual({ bytes: gzipped, contentEncoding: 'gzip' });
  });

  it('encodes decoded bodies with each encoding the client can decode', () => {
    for (const encoding of ['gzip', 'deflate', 'br']) {
      const out = encodeForWire(Buffer.from('hello'), encoding, text);
      expect(out.contentEncoding).toBe(encoding);
      expect(out.bytes.equals(Buffer.from('hello'))).toBe(false);
    }
    // Binary content that is not gzip data: decoded content, encoded again.
    expect(gunzipSync(encodeForWire(Buffer.from([1, 2, 3]), 'gzip', wire).bytes)).toEqual(
      Buffer.from([1, 2, 3]),
    );
  });

  it('drops an encoding it cannot produce, and identity', () => {
    expect(encodeForWire(Buffer.from('x'), 'zstd', text)).toEqual({
      bytes: Buffer.from('x'),
      contentEncoding: undefined,
    });
    expect(encodeForWire(Buffer.from('x'), 'identity', text)).toEqual({
      bytes: Buffer.from('x'),
      contentEncoding: undefined,
    });
    expect(encodeForWire(Buffer.from('x'), undefined, text)).toEqual({
      bytes: Buffer.from('x'),
      contentEncoding: undefined,
    });
  });

  it('sends cut-off wire bytes as kept', () => {
    const cut = gzipSync('hello world').subarray(0, 8);
    expect(encodeForWire(cut, 'gzip', { encoding: 'base64', truncated: true }).bytes).toEqual(cut);
  });
});
