import type http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { suppressCapture } from '../../src/context/request-context.js';
import { httpClientIntegration } from '../../src/integrations/http-client/index.js';
import { inRequest, installIntegrations } from './install-integrations.js';
import { settledHttpEvent, settledHttpEvents } from './outbound-helpers.js';
import { RecordingSink } from './recording-sink.js';
import { closedPort, type RunningServer, readAll, startHttpServer } from './test-servers.js';

const sink = new RecordingSink();
let teardown: () => void;
let upstream: RunningServer;

async function upstreamHandler(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://upstream');
  const body = await readAll(req);
  switch (url.pathname) {
    case '/slow':
      return; // never answers
    case '/png':
      res.setHeader('content-type', 'image/png');
      res.end(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff]));
      return;
    case '/big':
      res.setHeader('content-type', 'text/plain');
      res.end('z'.repeat(300 * 1024));
      return;
    case '/empty':
      res.statusCode = 204;
      res.end();
      return;
    default:
      res.statusCode = url.pathname === '/unavailable' ? 503 : 200;
      res.setHeader('content-type', 'application/json');
      res.setHeader('set-cookie', ['a=1', 'b=2']);
      res.end(JSON.stringify({ path: url.pathname, received: body.toString() }));
  }
}

beforeAll(async () => {
  teardown = installIntegrations([httpClientIntegration()], sink);
  upstream = await startHttpServer((req, res) => void upstreamHandler(req, res));
});

afterAll(async () => {
  await upstream.close();
  teardown();
});

describe('outbound fetch', () => {
  it('records a JSON round trip with request and response bodies', async () => {
    let answer: unknown;
    const context = await inRequest(async () => {
      const response = await fetch(`${upstream.origin}/charges`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: 'Bearer t0k3n' },
        body: JSON.stringify({ amount: 0, currency: 'USD' }),
      });
      answer = await response.json();
    });
    expect(answer).toEqual({ path: '/charges', received: '{"amount":0,"currency":"USD"}' });
    const event = await settledHttpEvent(context);
    expect(event).toMatchObject({
      type: 'http',
      method: 'POST',
      url: `${upstream.origin}/charges`,
      status: 200,
      statusText: 'OK',
      outcome: 'ok',
      requestHeaders: { 'content-type': 'application/json', authorization: 'Bearer t0k3n' },
      requestBody: { encoding: 'utf8', data: '{"amount":0,"currency":"USD"}', size: 29, truncated: false },
      responseHeaders: { 'content-type': 'application/json', 'set-cookie': ['a=1', 'b=2'] },
      responseBody: { encoding: 'utf8', data: JSON.stringify(answer), truncated: false },
    });
    expect(event.durationMs).toBeGreaterThan(0);
  });

  it('records a 5xx answer as a completed call with its status', async () => {
    const context = await inRequest(async () => {
      expect((await fetch(`${upstream.origin}/unavailable`)).status).toBe(503);
    });
    expect(await settledHttpEvent(context)).toMatchObject({
      status: 503,
      statusText: 'Service Unavailable',
      outcome: 'ok',
    });
  });

  it('keeps a binary response as base64 and caps a large one, while the app reads it all', async () => {
    const context = await inRequest(async () => {
      expect((await (await fetch(`${upstream.origin}/png`)).arrayBuffer()).byteLength).toBe(10);
      expect((await (await fetch(`${upstream.origin}/big`)).text()).length).toBe(300 * 1024);
      expect((await fetch(`${upstream.origin}/empty`)).status).toBe(204);
    });
    const [png, big, empty] = await settledHttpEvents(context, 3);
    expect(png?.responseBody).toEqual({
      contentType: 'image/png',
      encoding: 'base64',
      data: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff]).toString('base64'),
      size: 10,
      truncated: false,
    });
    expect(big?.responseBody).toMatchObject({ size: 300 * 1024, truncated: true });
    expect(big?.responseBody?.data).toBe('z'.repeat(64 * 1024));
    expect(empty).toMatchObject({ status: 204, outcome: 'ok' });
    expect(empty?.responseBody).toBeUndefined();
  });

  it('records a response body the app never reads', async () => {
    const context = await inRequest(async () => {
      expect((await fetch(`${upstream.origin}/unread`)).ok).toBe(true);
    });
    expect(await settledHttpEvent(context)).toMatchObject({
      outcome: 'ok',
      responseBody: { data: '{"path":"/unread","received":""}' },
    });
  });

  it('records a refused connection as an error with its code', async () => {
    const port = await closedPort();
    const context = await inRequest(async () => {
      await expect(fetch(`http://127.0.0.1:${port}/down`, { method: 'POST', body: 'x=1' })).rejects.toThrow(
        'fetch failed',
      );
    });
    const event = await settledHttpEvent(context);
    expect(event).toMatchObject({
      method: 'POST',
      outcome: 'error',
      error: { code: 'ECONNREFUSED' },
      requestBody: { data: 'x=1' },
    });
  });

  it('records AbortSignal.timeout as a timeout', async () => {
    const context = await inRequest(async () => {
      await expect(
        fetch(`${upstream.origin}/slow`, { signal: AbortSignal.timeout(50) }),
      ).rejects.toMatchObject({
        name: 'TimeoutError',
      });
    });
    const event = await settledHttpEvent(context);
    expect(event).toMatchObject({ outcome: 'timeout', error: { name: 'TimeoutError', code: 'ETIMEDOUT' } });
    expect(event.durationMs).toBeGreaterThanOrEqual(40);
  });

  it('records nothing the SDK does inside suppressCapture, nor outside any request', async () => {
    const context = await inRequest(() =>
      suppressCapture(() => fetch(`${upstream.origin}/sdk-traffic`).then((r) => r.text())),
    );
    await (await fetch(`${upstream.origin}/no-context`)).text();
    expect(context.timeline()).toEqual([]);
  });

  it('lets a failing fetch reject for the app exactly as before', async () => {
    const port = await closedPort();
    const error = await fetch(`http://127.0.0.1:${port}/`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as TypeError).cause).toMatchObject({ code: 'ECONNREFUSED' });
  });
});
