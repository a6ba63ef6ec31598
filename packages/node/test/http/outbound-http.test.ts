import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { suppressCapture } from '../../src/context/request-context.js';
import { httpClientIntegration } from '../../src/integrations/http-client/index.js';
import { inRequest, installIntegrations } from './install-integrations.js';
import { request, settledHttpEvent, settledHttpEvents } from './outbound-helpers.js';
import { RecordingSink } from './recording-sink.js';
import {
  closedPort,
  type RunningServer,
  readAll,
  startHttpServer,
  startHttpsServer,
  tls,
} from './test-servers.js';

const sink = new RecordingSink();
let teardown: () => void;
let upstream: RunningServer;
let secureUpstream: RunningServer<https.Server>;
const connections: Socket[] = [];
const seenConnectionHeaders: Array<string | undefined> = [];

async function upstreamHandler(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://upstream');
  const body = await readAll(req);
  seenConnectionHeaders.push(req.headers.connection);
  switch (url.pathname) {
    case '/slow':
      return; // never answers
    case '/reset':
      req.socket.destroy();
      return;
    case '/partial':
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '100' });
      res.write('only part', () => req.socket.destroy());
      return;
    case '/bytes': {
      const n = Number(url.searchParams.get('n'));
      res.setHeader('content-type', 'application/octet-stream');
      res.end(Buffer.from(Array.from({ length: n }, (_v, i) => i % 256)));
      return;
    }
    case '/big':
      res.setHeader('content-type', 'text/plain');
      res.end('y'.repeat(200 * 1024));
      return;
    default:
      res.statusCode = url.pathname === '/declined' ? 402 : 200;
      res.setHeader('content-type', 'application/json');
      res.setHeader('x-request-id', 'req-1');
      res.end(JSON.stringify({ path: url.pathname, received: body.toString() }));
  }
}

beforeAll(async () => {
  teardown = installIntegrations([httpClientIntegration()], sink);
  upstream = await startHttpServer((req, res) => void upstreamHandler(req, res));
  upstream.server.on('connection', (socket: Socket) => connections.push(socket));
  secureUpstream = await startHttpsServer((req, res) => void upstreamHandler(req, res));
});

afterAll(async () => {
  await upstream.close();
  await secureUpstream.close();
  teardown();
});

describe('outbound node:http requests', () => {
  it('records method, url, headers, status, response headers and body, and latency', async () => {
    let result: Awaited<ReturnType<typeof request>> | undefined;
    const context = await inRequest(async () => {
      result = await request(http, `${upstream.origin}/charge?attempt=1`, {
        headers: { 'X-Api-Version': '3' },
      });
    });
    expect(result?.status).toBe(200);
    const event = await settledHttpEvent(context);
    expect(event).toMatchObject({
      type: 'http',
      method: 'GET',
      url: `${upstream.origin}/charge?attempt=1`,
      status: 200,
      statusText: 'OK',
      outcome: 'ok',
      seq: 0,
    });
    expect(event.requestHeaders).toMatchObject({ 'x-api-version': '3', host: `127.0.0.1:${upstream.port}` });
    expect(event.responseHeaders).toMatchObject({
      'content-type': 'application/json',
      'x-request-id': 'req-1',
    });
    expect(event.responseBody).toEqual({
      contentType: 'application/json',
      encoding: 'utf8',
      data: result?.body.toString(),
      size: result?.body.length,
      truncated: false,
    });
    expect(event.requestBody).toBeUndefined();
    expect(event.durationMs).toBeGreaterThan(0);
    expect(event.startOffsetMs).toBeGreaterThanOrEqual(0);
  });

  it('records a request body written in several chunks, and a 4xx answer with its reason', async () => {
    const context = await inRequest(async () => {
      const result = await request(http, `${upstream.origin}/declined`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: ['{"amount":', Buffer.from('0}')],
      });
      expect(JSON.parse(result.body.toString()).received).toBe('{"amount":0}');
    });
    const event = await settledHttpEvent(context);
    expect(event.requestBody).toEqual({
      contentType: 'application/json',
      encoding: 'utf8',
      data: '{"amount":0}',
      size: 12,
      truncated: false,
    });
    expect(event).toMatchObject({ status: 402, statusText: 'Payment Required', outcome: 'ok' });
  });

  it('caps a large response body and keeps a binary one as base64; the app gets every byte', async () => {
    const context = await inRequest(async () => {
      expect((await request(http, `${upstream.origin}/big`)).body.length).toBe(200 * 1024);
      expect((await request(http, `${upstream.origin}/bytes?n=300`)).body.length).toBe(300);
    });
    const [big, bytes] = await settledHttpEvents(context, 2);
    expect(big).toMatchObject({ responseBody: { encoding: 'utf8', size: 200 * 1024, truncated: true } });
    expect(big?.responseBody?.data.length).toBe(64 * 1024);
    const expected = Buffer.from(Array.from({ length: 300 }, (_v, i) => i % 256)).toString('base64');
    expect(bytes).toMatchObject({
      responseBody: {
        contentType: 'application/octet-stream',
        encoding: 'base64',
        data: expected,
        size: 300,
      },
    });
  });

  it('leaves a keep-alive agent alone: one connection, requests unchanged', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const before = connections.length;
    seenConnectionHeaders.length = 0;
    const context = await inRequest(async () => {
      for (let i = 0; i < 3; i++) await request(http, `${upstream.origin}/ping-${i}`, { agent });
    });
    agent.destroy();
    expect(connections.length - before).toBe(1);
    expect(seenConnectionHeaders).toEqual(['keep-alive', 'keep-alive', 'keep-alive']);
    expect((await settledHttpEvents(context, 3)).map((e) => e.outcome)).toEqual(['ok', 'ok', 'ok']);
  });

  it('records https requests', async () => {
    const context = await inRequest(async () => {
      const result = await request(https, `${secureUpstream.origin}/tokens`, {
        method: 'POST',
        ca: tls.cert,
        body: 'grant=client',
      });
      expect(result.status).toBe(200);
    });
    const event = await settledHttpEvent(context);
    expect(event).toMatchObject({
      url: `${secureUpstream.origin}/tokens`,
      method: 'POST',
      status: 200,
      requestBody: { data: 'grant=client' },
    });
  });

  it('tags a request signed for S3 with the operation, bucket and key', async () => {
    const context = await inRequest(async () => {
      await request(http, `${upstream.origin}/receipts/templates/order.html`, {
        headers: {
          authorization:
            'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/eu-west-1/s3/aws4_request, SignedHeaders=host, Signature=0',
        },
      });
    });
    expect((await settledHttpEvent(context)).aws).toEqual({
      service: 's3',
      operation: 'GetObject',
      bucket: 'receipts',
      key: 'templates/order.html',
      region: 'eu-west-1',
    });
  });

  it('records a refused connection as an error with its code', async () => {
    const port = await closedPort();
    const context = await inRequest(async () => {
      await expect(request(http, `http://127.0.0.1:${port}/down`)).rejects.toMatchObject({
        code: 'ECONNREFUSED',
      });
    });
    const event = await settledHttpEvent(context);
    expect(event).toMatchObject({ outcome: 'error', error: { code: 'ECONNREFUSED', syscall: 'connect' } });
    expect(event.status).toBeUndefined();
  });

  it('records a connection reset by the peer', async () => {
    const context = await inRequest(async () => {
      await expect(request(http, `${upstream.origin}/reset`)).rejects.toMatchObject({ code: 'ECONNRESET' });
    });
    expect(await settledHttpEvent(context)).toMatchObject({
      outcome: 'error',
      error: { code: 'ECONNRESET' },
    });
  });

  it('records a connection that drops in the middle of the response body', async () => {
    const context = await inRequest(async () => {
      await expect(request(http, `${upstream.origin}/partial`)).rejects.toMatchObject({ code: 'ECONNRESET' });
    });
    expect(await settledHttpEvent(context)).toMatchObject({
      status: 200,
      outcome: 'error',
      error: { code: 'ECONNRESET' },
      responseBody: { data: 'only part', size: 100, truncated: true },
    });
  });

  it('records a socket timeout as a timeout, with the error the app raised', async () => {
    const context = await inRequest(async () => {
      await expect(
        new Promise((resolve, reject) => {
          const req = http.get(`${upstream.origin}/slow`, { timeout: 50 }, resolve);
          req.on('timeout', () => req.destroy(new Error('gateway did not answer')));
          req.on('error', reject);
        }),
      ).rejects.toThrow('gateway did not answer');
    });
    const event = await settledHttpEvent(context);
    expect(event).toMatchObject({
      outcome: 'timeout',
      error: { message: 'gateway did not answer', code: 'ETIMEDOUT' },
    });
    expect(event.durationMs).toBeGreaterThanOrEqual(40);
  });

  it('records an AbortSignal.timeout as a timeout', async () => {
    const context = await inRequest(async () => {
      await expect(
        request(http, `${upstream.origin}/slow`, { signal: AbortSignal.timeout(50) }),
      ).rejects.toThrow();
    });
    expect(await settledHttpEvent(context)).toMatchObject({ outcome: 'timeout' });
  });

  it('records nothing the SDK does inside suppressCapture, nor outside any request', async () => {
    const context = await inRequest(() =>
      suppressCapture(() => request(http, `${upstream.origin}/sdk-traffic`)),
    );
    await request(http, `${upstream.origin}/no-context`);
    expect(context.timeline()).toEqual([]);
  });
});
