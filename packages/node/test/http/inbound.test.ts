import { randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { HttpTrigger } from '@flashback/protocol/types';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getRequestContext, suppressCapture } from '../../src/context/request-context.js';
import { httpServerIntegration } from '../../src/integrations/http-server/index.js';
import { installIntegrations } from './install-integrations.js';
import { RecordingSink } from './recording-sink.js';
import { type RunningServer, readAll, startHttpServer, startHttpsServer, tls } from './test-servers.js';

const sink = new RecordingSink();
let teardown: () => void;
let app: RunningServer;
let secureApp: RunningServer<https.Server>;

/** What the app's handler saw, by url: proves the body tee leaves the app's stream intact. */
const appSaw = new Map<string, { bytes: Buffer; hadContext: boolean }>();
const hanging = new Set<string>();

async function handler(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = req.url ?? '';
  if (url.startsWith('/hang')) {
    hanging.add(url); // never answered; the client gives up
    return;
  }
  const hadContext = getRequestContext() !== undefined;
  const bytes = url.startsWith('/unread') ? Buffer.alloc(0) : await readAll(req);
  appSaw.set(url, { bytes, hadContext });
  res.statusCode = url.startsWith('/fail') ? 503 : 200;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ received: bytes.length }));
}

beforeAll(async () => {
  teardown = installIntegrations([httpServerIntegration()], sink);
  app = await startHttpServer((req, res) => void handler(req, res));
  secureApp = await startHttpsServer((req, res) => void handler(req, res));
});

afterAll(async () => {
  await app.close();
  await secureApp.close();
  teardown();
});

function triggerOf(url: string): Promise<HttpTrigger> {
  return sink.waitForEnd(url).then(({ context }) => context.trigger as HttpTrigger);
}

describe('inbound requests on node:http', () => {
  it('records method, url, lower-cased headers, wall-clock start, remote address and status', async () => {
    const before = Date.now();
    const response = await fetch(`${app.origin}/orders/7?expand=items`, {
      headers: { 'X-Tenant-Id': 'acme' },
    });
    expect(response.status).toBe(200);
    const { context, status } = await sink.waitForEnd('/orders/7');
    const trigger = context.trigger as HttpTrigger;
    expect(trigger).toMatchObject({
      kind: 'http',
      method: 'GET',
      url: '/orders/7?expand=items',
      remoteAddress: '127.0.0.1',
      response: { status: 200 },
    });
    expect(trigger.headers['x-tenant-id']).toBe('acme');
    expect(Object.keys(trigger.headers).every((name) => name === name.toLowerCase())).toBe(true);
    expect(Date.parse(trigger.startedAt)).toBeGreaterThanOrEqual(before - 1);
    expect(trigger.body).toBeUndefined();
    expect(status).toBe(200);
    expect(appSaw.get('/orders/7?expand=items')?.hadContext).toBe(true);
  });

  it('captures a JSON body while the app still reads all of it', async () => {
    const payload = JSON.stringify({ sku: 'A-1', qty: 2, note: 'Grüße' });
    await fetch(`${app.origin}/json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: payload,
    });
    const trigger = await triggerOf('/json');
    expect(trigger.body).toEqual({
      contentType: 'application/json',
      encoding: 'utf8',
      data: payload,
      size: Buffer.byteLength(payload),
      truncated: false,
    });
    expect(appSaw.get('/json')?.bytes.toString()).toBe(payload);
  });

  it('captures a form body', async () => {
    await fetch(`${app.origin}/form`, {
      method: 'POST',
      body: new URLSearchParams({ promo: 'FREE100', qty: '1' }),
    });
    const trigger = await triggerOf('/form');
    expect(trigger.body).toMatchObject({
      encoding: 'utf8',
      data: 'promo=FREE100&qty=1',
      truncated: false,
      size: 19,
    });
    expect(trigger.body?.contentType).toMatch(/^application\/x-www-form-urlencoded/);
  });

  it('caps a 1 MB body at maxBodyBytes, keeping its original size, and the app gets every byte', async () => {
    const big = 'x'.repeat(1024 * 1024);
    const response = await fetch(`${app.origin}/big`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: big,
    });
    expect(await response.json()).toEqual({ received: big.length });
    const trigger = await triggerOf('/big');
    expect(trigger.body).toMatchObject({ encoding: 'utf8', size: 1024 * 1024, truncated: true });
    expect(trigger.body?.data).toBe('x'.repeat(64 * 1024));
    expect(appSaw.get('/big')?.bytes.length).toBe(1024 * 1024);
  });

  it('keeps a binary body as base64 with its content type', async () => {
    const bytes = randomBytes(3000);
    await fetch(`${app.origin}/upload`, {
      method: 'PUT',
      headers: { 'content-type': 'image/png' },
      body: bytes,
    });
    const trigger = await triggerOf('/upload');
    expect(trigger.body).toEqual({
      contentType: 'image/png',
      encoding: 'base64',
      data: bytes.toString('base64'),
      size: 3000,
      truncated: false,
    });
    expect(appSaw.get('/upload')?.bytes.equals(bytes)).toBe(true);
  });

  it('keeps a body that is not valid UTF-8 and has no content type as base64', async () => {
    const bytes = Buffer.from([0xff, 0xfe, 0x00, 0x41, 0xc3]);
    await new Promise<void>((resolve, reject) => {
      const req = http.request(`${app.origin}/raw`, { method: 'POST' }, (res) =>
        res.resume().on('end', resolve),
      );
      req.on('error', reject);
      req.end(bytes);
    });
    const trigger = await triggerOf('/raw');
    expect(trigger.body).toEqual({
      encoding: 'base64',
      data: bytes.toString('base64'),
      size: 5,
      truncated: false,
    });
  });

  it('records the body seen so far when the app answers without reading it', async () => {
    await fetch(`${app.origin}/unread`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'ignored',
    });
    const trigger = await triggerOf('/unread');
    expect(trigger.body?.size).toBe(7);
  });

  it('reports a 5xx answer to the sink with its status', async () => {
    const response = await fetch(`${app.origin}/fail`);
    expect(response.status).toBe(503);
    const { status, context } = await sink.waitForEnd('/fail');
    expect(status).toBe(503);
    expect((context.trigger as HttpTrigger).response).toEqual({ status: 503 });
  });

  it('ends a request whose client went away before the answer, once, without a status', async () => {
    const controller = new AbortController();
    const pending = fetch(`${app.origin}/hang`, { signal: controller.signal });
    await vi.waitFor(() => {
      if (!hanging.has('/hang')) throw new Error('the request has not reached the app yet');
    });
    controller.abort();
    await expect(pending).rejects.toThrow();
    const { status, context } = await sink.waitForEnd('/hang');
    expect(status).toBeUndefined();
    expect((context.trigger as HttpTrigger).response).toBeUndefined();
    expect(sink.endedFor('/hang')).toHaveLength(1);
  });

  it('calls requestEnded exactly once per request', async () => {
    await Promise.all([1, 2, 3].map((n) => fetch(`${app.origin}/once-${n}`).then((r) => r.text())));
    for (const n of [1, 2, 3]) await sink.waitForEnd(`/once-${n}`);
    for (const n of [1, 2, 3]) expect(sink.endedFor(`/once-${n}`)).toHaveLength(1);
  });
});

describe('servers of the SDK itself', () => {
  it('leaves alone the requests of a server started inside suppressCapture', async () => {
    let sawContext: boolean | undefined;
    const own = await suppressCapture(() =>
      startHttpServer((_req, res) => {
        sawContext = getRequestContext() !== undefined;
        res.end('ok');
      }),
    );
    try {
      expect(await (await fetch(`${own.origin}/own-collector`)).text()).toBe('ok');
      expect(sawContext).toBe(false);
      expect(sink.endedFor('/own-collector')).toEqual([]);
    } finally {
      await own.close();
    }
  });
});

describe('Expect: 100-continue', () => {
  it('keeps one context when a checkContinue listener re-emits the request', async () => {
    const server = await startHttpServer((req, res) => void handler(req, res));
    server.server.on('checkContinue', (req, res) => {
      res.writeContinue();
      server.server.emit('request', req, res);
    });
    try {
      const result = await new Promise<string>((resolve, reject) => {
        const req = http.request(`${server.origin}/continue`, {
          method: 'POST',
          headers: { expect: '100-continue', 'content-type': 'text/plain' },
        });
        req.on('continue', () => req.end('after continue'));
        req.on('response', (res) => void readAll(res).then((b) => resolve(b.toString()), reject));
        req.on('error', reject);
      });
      expect(JSON.parse(result)).toEqual({ received: 14 });
      const { context } = await sink.waitForEnd('/continue');
      expect(context.trigger).toMatchObject({ body: { data: 'after continue' }, response: { status: 200 } });
      expect(sink.endedFor('/continue')).toHaveLength(1);
      expect(appSaw.get('/continue')?.hadContext).toBe(true);
    } finally {
      await server.close();
    }
  });
});

describe('inbound requests on node:https', () => {
  it('records requests of an https server like those of an http server', async () => {
    const body = JSON.stringify({ card: 'tok_1' });
    const answer = await new Promise<string>((resolve, reject) => {
      const req = https.request(
        `${secureApp.origin}/secure/pay`,
        { method: 'POST', ca: tls.cert, headers: { 'content-type': 'application/json' } },
        (res) => void readAll(res).then((b) => resolve(b.toString()), reject),
      );
      req.on('error', reject);
      req.end(body);
    });
    expect(JSON.parse(answer)).toEqual({ received: body.length });
    const { context, status } = await sink.waitForEnd('/secure/pay');
    expect(status).toBe(200);
    expect(context.trigger).toMatchObject({
      method: 'POST',
      url: '/secure/pay',
      body: { data: body, encoding: 'utf8' },
    });
  });
});
