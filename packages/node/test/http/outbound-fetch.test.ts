import type http from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getRequestContext, suppressCapture } from '../../src/context/request-context.js';
import { isWrapped } from '../../src/instrument/wrap.js';
import { httpClientIntegration } from '../../src/integrations/http-client/index.js';
import { inRequest, installIntegrations } from './install-integrations.js';
import { settledHttpEvent, settledHttpEvents } from './outbound-helpers.js';
import { RecordingSink } from './recording-sink.js';
import { closedPort, type RunningServer, readAll, startHttpServer } from './test-servers.js';

const sink = new RecordingSink();
const unpatchedFetch = globalThis.fetch;
let teardown: () => void;
let upstream: RunningServer;
/** Responses the upstream started and keeps open until the test ends them, by path. */
const heldOpen = new Map<string, http.ServerResponse>();

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
    case '/big-chunked':
      res.setHeader('content-type', 'text/plain');
      for (let i = 0; i < 30; i++) res.write('c'.repeat(10 * 1024));
      res.end();
      return;
    case '/gzip':
      res.setHeader('content-type', 'application/json');
      res.setHeader('content-encoding', 'gzip');
      res.end(gzipSync('{"compressed":true}'));
      return;
    case '/empty':
      res.statusCode = 204;
      res.end();
      return;
    case '/held':
      res.setHeader('content-type', 'text/plain');
      res.write('first;');
      heldOpen.set(url.pathname, res);
      return;
    case '/redirect':
      res.statusCode = 302;
      res.setHeader('location', '/landed');
      res.end('moved');
      return;
    case '/reset':
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '100' });
      res.write('partial', () => res.socket?.destroy());
      return;
    default:
      res.statusCode = url.pathname === '/unavailable' ? 503 : 200;
      res.setHeader('content-type', 'application/json');
      res.setHeader('set-cookie', ['a=1', 'b=2']);
      res.end(JSON.stringify({ path: url.pathname, received: body.toString() }));
  }
}

const decoder = new TextDecoder();

/** Reads what is left of a body stream, as text. */
async function readRest(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<string> {
  let text = '';
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read())
    text += decoder.decode(chunk.value, { stream: true });
  return text + decoder.decode();
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

  it('records a compressed response as the app reads it, decoded', async () => {
    let answer: unknown;
    const context = await inRequest(async () => {
      answer = await (await fetch(`${upstream.origin}/gzip`)).json();
    });
    expect(answer).toEqual({ compressed: true });
    expect(await settledHttpEvent(context)).toMatchObject({
      outcome: 'ok',
      responseHeaders: { 'content-encoding': 'gzip' },
      responseBody: { encoding: 'utf8', data: '{"compressed":true}', truncated: false },
    });
  });

  it("sends through the app's own dispatcher and leaves its init object as it was", async () => {
    const global = (globalThis as Record<symbol, unknown>)[Symbol.for('undici.globalDispatcher.1')] as {
      dispatch(options: object, handler: object): boolean;
    };
    let dispatched = 0;
    const dispatcher = {
      dispatch(options: object, handler: object): boolean {
        dispatched++;
        return global.dispatch(options, handler);
      },
    };
    const init = { method: 'POST', body: 'via app dispatcher', dispatcher } as RequestInit;
    const context = await inRequest(async () => (await fetch(`${upstream.origin}/own`, init)).text());
    expect(dispatched).toBe(1);
    expect(Object.keys(init)).toEqual(['method', 'body', 'dispatcher']);
    expect((init as { dispatcher: unknown }).dispatcher).toBe(dispatcher);
    expect(await settledHttpEvent(context)).toMatchObject({
      requestBody: { data: 'via app dispatcher' },
      responseBody: { data: '{"path":"/own","received":"via app dispatcher"}' },
    });
  });

  it('records a Request object, and init overrides on one, as fetch sends them', async () => {
    const whole = new Request(`${upstream.origin}/orders`, {
      method: 'PUT',
      headers: { 'x-order': '7' },
      body: '{"qty":2}',
    });
    const overridden = new Request(`${upstream.origin}/orders/8`, { method: 'POST', body: 'replaced' });
    const answers: unknown[] = [];
    const context = await inRequest(async () => {
      answers.push(await (await fetch(whole)).json());
      answers.push(
        await (await fetch(overridden, { method: 'PATCH', headers: { 'x-order': '8' }, body: 'new' })).json(),
      );
    });
    expect(answers).toEqual([
      { path: '/orders', received: '{"qty":2}' },
      { path: '/orders/8', received: 'new' },
    ]);
    // As with fetch alone: a Request sent as is has its body consumed, one whose body init replaced does not.
    expect([whole.bodyUsed, overridden.bodyUsed]).toEqual([true, false]);
    const [first, second] = await settledHttpEvents(context, 2);
    expect(first).toMatchObject({
      method: 'PUT',
      url: `${upstream.origin}/orders`,
      requestHeaders: { 'x-order': '7', 'content-type': 'text/plain;charset=UTF-8' },
      requestBody: { data: '{"qty":2}', truncated: false },
      status: 200,
    });
    expect(second).toMatchObject({
      method: 'PATCH',
      url: `${upstream.origin}/orders/8`,
      requestHeaders: { 'x-order': '8', 'content-type': 'text/plain;charset=UTF-8' },
      requestBody: { data: 'new' },
    });
  });

  it('records streamed and multipart request bodies from a copy, while the upstream receives them whole', async () => {
    const encoder = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode('{"part":1,'));
        controller.enqueue(encoder.encode('"part":2}'));
        controller.close();
      },
    });
    const form = new FormData();
    form.set('field', 'value');
    const received: string[] = [];
    const context = await inRequest(async () => {
      const streamed = await fetch(`${upstream.origin}/stream-upload`, {
        method: 'POST',
        body: stream,
        duplex: 'half',
      });
      received.push(((await streamed.json()) as { received: string }).received);
      const multipart = await fetch(`${upstream.origin}/form`, { method: 'POST', body: form });
      received.push(((await multipart.json()) as { received: string }).received);
    });
    expect(received[0]).toBe('{"part":1,"part":2}');
    expect(received[1]).toContain('name="field"\r\n\r\nvalue\r\n');
    const [streamed, multipart] = await settledHttpEvents(context, 2);
    expect(streamed?.requestBody).toMatchObject({ data: '{"part":1,"part":2}', truncated: false });
    // The recorded boundary is the one that went out: fetch sends the Request the SDK copied.
    expect(multipart?.requestBody?.encoding).toBe('base64');
    expect(Buffer.from(multipart?.requestBody?.data ?? '', 'base64').toString()).toBe(received[1]);
    expect(multipart?.requestHeaders['content-type']).toMatch(/^multipart\/form-data; boundary=/);
  });

  it('records in-memory request bodies with the content type fetch implies, as they were at the call', async () => {
    const bytes = new TextEncoder().encode('raw bytes');
    const context = await inRequest(async () => {
      const sent = fetch(`${upstream.origin}/bytes`, { method: 'POST', body: bytes });
      // fetch copied the buffer when it was called; reusing it afterwards changes neither copy.
      bytes.fill(0x21);
      expect(await (await sent).json()).toMatchObject({ received: 'raw bytes' });
      await (
        await fetch(`${upstream.origin}/form`, { method: 'POST', body: new URLSearchParams({ q: 'a b' }) })
      ).text();
      const blob = new Blob(['{"blob":true}'], { type: 'application/json' });
      await (await fetch(`${upstream.origin}/blob`, { method: 'POST', body: blob })).text();
    });
    const [raw, form, blob] = await settledHttpEvents(context, 3);
    expect(raw?.requestBody).toMatchObject({ data: 'raw bytes', size: 9 });
    expect(form).toMatchObject({
      requestHeaders: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' },
      requestBody: { data: 'q=a+b' },
    });
    expect(blob).toMatchObject({
      requestHeaders: { 'content-type': 'application/json' },
      requestBody: { data: '{"blob":true}', size: 13, truncated: false },
    });
  });

  it('hands the app its response chunk by chunk while the SDK reads its copy', async () => {
    const context = await inRequest(async () => {
      const response = await fetch(`${upstream.origin}/held`);
      expect(response).toBeInstanceOf(Response);
      expect(response.headers.get('content-type')).toBe('text/plain');
      expect(response.bodyUsed).toBe(false);
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      // The upstream has not ended the body: this chunk reaches the app only if nothing waits for the end.
      const first = await reader.read();
      expect(decoder.decode(first.value)).toBe('first;');
      expect(getRequestContext()?.timeline()).toMatchObject([{ status: 200, outcome: 'pending' }]);
      heldOpen.get('/held')?.end('second');
      expect(await readRest(reader)).toBe('second');
    });
    expect(await settledHttpEvent(context)).toMatchObject({
      status: 200,
      outcome: 'ok',
      responseBody: { data: 'first;second', size: 12, truncated: false },
    });
  });

  it('caps a large chunked response the app streams, and the app still reads all of it', async () => {
    let read = 0;
    const context = await inRequest(async () => {
      const response = await fetch(`${upstream.origin}/big-chunked`);
      for await (const chunk of response.body as ReadableStream<Uint8Array>) read += chunk.byteLength;
    });
    expect(read).toBe(300 * 1024);
    const event = await settledHttpEvent(context);
    expect(event).toMatchObject({ outcome: 'ok', responseBody: { truncated: true } });
    expect(event.responseBody?.data).toBe('c'.repeat(64 * 1024));
  });

  it('records a followed redirect under the URL the app asked for, and a manual one as the 3xx', async () => {
    let followed: Response | undefined;
    const context = await inRequest(async () => {
      followed = await fetch(`${upstream.origin}/redirect`);
      await followed.text();
      const manual = await fetch(`${upstream.origin}/redirect`, { redirect: 'manual' });
      expect(await manual.text()).toBe('moved');
    });
    expect(followed).toMatchObject({ redirected: true, url: `${upstream.origin}/landed`, status: 200 });
    const [follow, manual] = await settledHttpEvents(context, 2);
    expect(follow).toMatchObject({
      url: `${upstream.origin}/redirect`,
      status: 200,
      responseBody: { data: '{"path":"/landed","received":""}' },
    });
    expect(manual).toMatchObject({
      url: `${upstream.origin}/redirect`,
      status: 302,
      responseHeaders: { location: '/landed' },
      responseBody: { data: 'moved' },
    });
  });

  it('records an abort by the app as an error, and the app gets its AbortError', async () => {
    const controller = new AbortController();
    const context = await inRequest(async () => {
      const pending = fetch(`${upstream.origin}/slow`, { signal: controller.signal });
      controller.abort();
      await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    });
    const event = await settledHttpEvent(context);
    expect(event).toMatchObject({ outcome: 'error', error: { name: 'AbortError' } });
    expect(event.error?.code).toBeUndefined();
  });

  it('records a connection lost mid-body as an error after the status', async () => {
    const context = await inRequest(async () => {
      const response = await fetch(`${upstream.origin}/reset`);
      await expect(response.text()).rejects.toThrow();
    });
    expect(await settledHttpEvent(context)).toMatchObject({
      status: 200,
      outcome: 'error',
      responseBody: { data: 'partial', truncated: true },
    });
  });

  it('wraps fetch once however often it is set up, and puts the original back at teardown', async () => {
    const wrapped = globalThis.fetch;
    expect(isWrapped(wrapped)).toBe(true);
    const second = installIntegrations([httpClientIntegration()], sink);
    expect(globalThis.fetch).toBe(wrapped);
    const context = await inRequest(async () => (await fetch(`${upstream.origin}/once`)).text());
    second();
    expect(await settledHttpEvents(context, 1)).toHaveLength(1);
    expect(globalThis.fetch).toBe(wrapped);
    teardown();
    expect(globalThis.fetch).toBe(unpatchedFetch);
    teardown = installIntegrations([httpClientIntegration()], sink);
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
