import { describe, expect, it } from 'vitest';
import { eventAt, JWT, redactWithTestKey as redact, tokenOf } from '../test-fixtures/redaction.js';
import { buildSamplePackage } from '../test-fixtures/sample-package.js';
import type { DbEvent, HttpEvent, RedisEvent } from '../types.js';

const base = { startOffsetMs: 1, durationMs: 1, outcome: 'ok' as const };

describe('redactPackage on timeline events', () => {
  it('redacts http events: url, both header sets, JSON response bodies and error messages', () => {
    const http: HttpEvent = {
      ...base,
      type: 'http',
      seq: 5,
      method: 'POST',
      url: 'https://auth.example/oauth/token?client_secret=cs-123456',
      requestHeaders: { 'content-type': 'application/x-www-form-urlencoded' },
      requestBody: {
        encoding: 'utf8',
        data: 'grant_type=refresh_token&refresh_token=rt-abcdef12',
        size: 50,
        truncated: false,
      },
      status: 200,
      responseHeaders: {
        'content-type': 'application/json',
        'set-cookie': ['sid=s-998877; Path=/; HttpOnly'],
      },
      responseBody: {
        encoding: 'utf8',
        data: '{"access_token":"at-zyxwvu98","token_type":"Bearer","expires_in":3600}',
        size: 70,
        truncated: false,
      },
      outcome: 'error',
      error: { message: 'socket hang up after postgresql://u:dbpass99@db/x', code: 'ECONNRESET' },
    };
    const pkg = buildSamplePackage();
    pkg.timeline.push(http);
    const out = eventAt(redact(pkg), 5, 'http');
    expect(out.url).toBe(`https://auth.example/oauth/token?client_secret=${tokenOf('cs-123456')}`);
    expect(out.requestBody?.data).toBe(`grant_type=refresh_token&refresh_token=${tokenOf('rt-abcdef12')}`);
    expect(out.responseHeaders?.['set-cookie']).toEqual([`sid=${tokenOf('s-998877')}; Path=/; HttpOnly`]);
    expect(JSON.parse(out.responseBody?.data ?? '')).toEqual({
      access_token: tokenOf('at-zyxwvu98'),
      token_type: 'Bearer',
      expires_in: 3600,
    });
    expect(out.error).toEqual({
      message: `socket hang up after postgresql://u:${tokenOf('dbpass99')}@db/x`,
      code: 'ECONNRESET',
    });
  });

  it('leaves a base64 body alone while masking its headers', () => {
    const upload: HttpEvent = {
      ...base,
      type: 'http',
      seq: 5,
      method: 'PUT',
      url: 'https://bucket.s3.amazonaws.com/receipts/1042.pdf',
      requestHeaders: { authorization: 'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260314/s3' },
      requestBody: {
        contentType: 'application/pdf',
        encoding: 'base64',
        data: 'JVBERi0xLjQK',
        size: 9,
        truncated: false,
      },
      status: 200,
      aws: { service: 's3', operation: 'PutObject', bucket: 'bucket', key: 'receipts/1042.pdf' },
    };
    const pkg = buildSamplePackage();
    pkg.timeline.push(upload);
    const out = eventAt(redact(pkg), 5, 'http');
    expect(out.requestHeaders.authorization).toBe(
      `AWS4-HMAC-SHA256 ${tokenOf('Credential=AKIAIOSFODNN7EXAMPLE/20260314/s3')}`,
    );
    expect(out.requestBody).toEqual(upload.requestBody);
    expect(out.aws).toEqual(upload.aws);
  });

  it('redacts db params by pattern and by name, and rows by field name and pattern', () => {
    const named: DbEvent = {
      ...base,
      type: 'db',
      seq: 5,
      system: 'sqlite',
      database: '/var/data/shop.db',
      statement: 'UPDATE users SET api_token = $token WHERE id = $id',
      params: { $token: 'tok-abcdef', $id: 42 },
    };
    const rows: DbEvent = {
      ...base,
      type: 'db',
      seq: 6,
      system: 'postgresql',
      database: 'postgresql://checkout@db.internal:5432/shop',
      statement: 'SELECT id, settings, note FROM accounts WHERE session = $1',
      params: [JWT],
      fields: [{ name: 'id' }, { name: 'settings' }, { name: 'card_pin' }],
      rows: [[7, { webhookSecret: 'whk-1', theme: 'dark' }, 1234]],
    };
    const noFields: DbEvent = {
      ...rows,
      seq: 7,
      fields: undefined,
      rows: [['4242 4242 4242 4242', 'plain']],
    };
    const pkg = buildSamplePackage();
    pkg.timeline.push(named, rows, noFields);
    const out = redact(pkg);
    expect(eventAt(out, 5, 'db').params).toEqual({ $token: tokenOf('tok-abcdef'), $id: 42 });
    expect(eventAt(out, 6, 'db').params).toEqual([tokenOf(JWT)]);
    expect(eventAt(out, 6, 'db').rows).toEqual([
      [7, { webhookSecret: tokenOf('whk-1'), theme: 'dark' }, tokenOf('1234')],
    ]);
    expect(eventAt(out, 7, 'db').rows).toEqual([[tokenOf('4242 4242 4242 4242'), 'plain']]);
    expect(out.redactions).toEqual(
      expect.arrayContaining([
        { path: 'timeline[5].params.$token', rule: 'key:token' },
        { path: 'timeline[6].params[0]', rule: 'pattern:jwt' },
        { path: 'timeline[6].rows[0][1].webhookSecret', rule: 'key:secret' },
        { path: 'timeline[6].rows[0][2]', rule: 'key:pin' },
        { path: 'timeline[7].rows[0][0]', rule: 'pattern:card' },
      ]),
    );
  });

  it('redacts redis passwords, hash fields, JSON values and replies', () => {
    const redis = (
      seq: number,
      command: string,
      args: RedisEvent['args'],
      reply?: RedisEvent['reply'],
    ): RedisEvent => ({
      ...base,
      type: 'redis',
      seq,
      client: 'node-redis',
      command,
      args,
      ...(reply === undefined ? {} : { reply }),
    });
    const pkg = buildSamplePackage();
    pkg.timeline.push(
      redis(5, 'AUTH', ['default', 'redis-pass-1'], 'OK'),
      redis(6, 'HSET', ['user:42', 'name', 'Ada', 'api_key', 'k-778899']),
      redis(7, 'SET', ['cart:42', '{"items":[1],"paymentToken":"pt-5566"}']),
      redis(8, 'HGETALL', ['user:42'], { name: 'Ada', api_key: 'k-778899' }),
    );
    const out = redact(pkg);
    expect(eventAt(out, 5, 'redis').args).toEqual(['default', tokenOf('redis-pass-1')]);
    expect(eventAt(out, 6, 'redis').args).toEqual(['user:42', 'name', 'Ada', 'api_key', tokenOf('k-778899')]);
    expect(eventAt(out, 7, 'redis').args).toEqual([
      'cart:42',
      `{"items":[1],"paymentToken":"${tokenOf('pt-5566')}"}`,
    ]);
    expect(eventAt(out, 8, 'redis').reply).toEqual({ name: 'Ada', api_key: tokenOf('k-778899') });
    expect(out.redactions).toContainEqual({ path: 'timeline[5].args[1]', rule: 'command:auth' });
  });
});
