import { describe, expect, it } from 'vitest';
import { BodyCollector } from '../../src/integrations/http-common/body-collector.js';
import { encodeBody, isTextContentType } from '../../src/integrations/http-common/body-encoding.js';
import { fromFetchHeaders, fromNodeHeaders } from '../../src/integrations/http-common/headers.js';

describe('isTextContentType', () => {
  it.each([
    ['text/html; charset=utf-8', true],
    ['application/json', true],
    ['application/problem+json', true],
    ['application/soap+xml', true],
    ['application/x-www-form-urlencoded;charset=UTF-8', true],
    ['image/png', false],
    ['application/octet-stream', false],
    ['application/pdf', false],
    ['multipart/form-data; boundary=x', false],
    [undefined, undefined],
  ])('%s → %s', (contentType, expected) => {
    expect(isTextContentType(contentType)).toBe(expected);
  });
});

describe('encodeBody', () => {
  it('keeps text as UTF-8 and bytes of a binary type as base64', () => {
    expect(encodeBody(Buffer.from('{"a":1}'), 7, false, 'application/json')).toEqual({
      contentType: 'application/json',
      encoding: 'utf8',
      data: '{"a":1}',
      size: 7,
      truncated: false,
    });
    expect(encodeBody(Buffer.from('GIF89a'), 6, false, 'image/gif')).toMatchObject({
      encoding: 'base64',
      data: Buffer.from('GIF89a').toString('base64'),
    });
  });

  it('falls back to base64 when bytes announced as text are not UTF-8', () => {
    expect(encodeBody(Buffer.from([0x80, 0x81]), 2, false, 'text/plain')).toMatchObject({
      encoding: 'base64',
      data: 'gIE=',
    });
  });

  it('keeps complete multi-byte text, and drops only a character cut at the end', () => {
    const emoji = Buffer.from('ok 🙂');
    expect(encodeBody(emoji, emoji.length, false, 'text/plain')).toMatchObject({
      encoding: 'utf8',
      data: 'ok 🙂',
    });
    expect(encodeBody(emoji.subarray(0, emoji.length - 1), emoji.length, true, 'text/plain')).toMatchObject({
      encoding: 'utf8',
      data: 'ok ',
    });
    expect(encodeBody(Buffer.from('añ'), 5, true, 'text/plain')).toMatchObject({
      encoding: 'utf8',
      data: 'añ',
    });
  });

  it('keeps text cut inside a multi-byte character as text, without the partial character', () => {
    const bytes = Buffer.from('añb').subarray(0, 2); // 'a' and the first byte of 'ñ'
    expect(encodeBody(bytes, 4, true, 'text/plain')).toMatchObject({
      encoding: 'utf8',
      data: 'a',
      truncated: true,
    });
  });
});

describe('BodyCollector', () => {
  it('keeps at most the cap, counts everything, and copies only the partial chunk', () => {
    const collector = new BodyCollector(5);
    collector.addChunk('abc');
    collector.addChunk(Buffer.from('defgh'));
    collector.addChunk('ijk', 'utf8');
    collector.complete = true;
    expect(collector.toBody('text/plain')).toEqual({
      contentType: 'text/plain',
      encoding: 'utf8',
      data: 'abcde',
      size: 11,
      truncated: true,
    });
  });

  it('decodes string chunks with their encoding', () => {
    const collector = new BodyCollector(100);
    collector.addChunk('aGk=', 'base64');
    collector.complete = true;
    expect(collector.toBody(undefined)?.data).toBe('hi');
  });

  it('reports the declared size of a body it did not see to the end', () => {
    const collector = new BodyCollector(4);
    collector.add(Buffer.from('abcdef'));
    expect(collector.toBody('text/plain', 1000)).toMatchObject({ data: 'abcd', size: 1000, truncated: true });
  });

  it('has no body for an empty one', () => {
    const collector = new BodyCollector(10);
    collector.complete = true;
    expect(collector.toBody('application/json')).toBeUndefined();
  });
});

describe('headers', () => {
  it('lower-cases names, stringifies numbers and keeps repeated values', () => {
    expect(fromNodeHeaders({ 'Content-Length': 12, 'X-Trace': ['a', 'b'], Absent: undefined })).toEqual({
      'content-length': '12',
      'x-trace': ['a', 'b'],
    });
  });

  it('keeps each set-cookie of fetch headers', () => {
    const headers = new Headers([
      ['Set-Cookie', 'a=1'],
      ['Set-Cookie', 'b=2'],
      ['X-Id', '7'],
    ]);
    expect(fromFetchHeaders(headers)).toEqual({ 'set-cookie': ['a=1', 'b=2'], 'x-id': '7' });
  });
});
