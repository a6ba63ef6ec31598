import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpTrigger } from '@flashback/protocol/types';
import express, { type NextFunction, type Request, type Response } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expressErrorHandler, expressIntegration } from '../../src/integrations/express/index.js';
import { httpServerIntegration } from '../../src/integrations/http-server/index.js';
import { installIntegrations } from './install-integrations.js';
import { RecordingSink } from './recording-sink.js';

const sink = new RecordingSink();
let teardown: () => void;
let server: Server;
let origin: string;
/** An app without `expressErrorHandler()`, and with a mounted router. */
let plainServer: Server;
let plainOrigin: string;
/** Errors the app's own error handler received, to prove they pass through unchanged. */
const handledByApp: unknown[] = [];

beforeAll(async () => {
  teardown = installIntegrations([httpServerIntegration(), expressIntegration()], sink);
  const app = express();
  app.get('/carts/:id/checkout', async (req) => {
    throw new TypeError(`cart ${req.params.id} has no customer`);
  });
  app.get('/next-error', (_req, _res, next) => next(new Error('passed to next')));
  app.get('/not-found', (_req, _res, next) =>
    next(Object.assign(new Error('no such cart'), { status: 404 })),
  );
  app.get('/ok', (_req, res) => {
    res.json({ ok: true });
  });
  app.use(expressErrorHandler());
  app.use((error: Error & { status?: number }, _req: Request, res: Response, _next: NextFunction) => {
    handledByApp.push(error);
    res.status(error.status ?? 500).json({ error: error.message });
  });
  server = await listen(app);
  origin = originOf(server);

  const plain = express();
  const api = express.Router();
  api.post('/items/:id', async () => {
    throw new RangeError('quantity out of range');
  });
  plain.use('/api', api);
  plainServer = await listen(plain);
  plainOrigin = originOf(plainServer);
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await new Promise<void>((resolve) => plainServer.close(() => resolve()));
  teardown();
});

async function listen(app: express.Express): Promise<Server> {
  const listening = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => listening.once('listening', () => resolve()));
  return listening;
}

function originOf(listening: Server): string {
  return `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;
}

describe('express', () => {
  it('captures a route error once (channel and middleware both see it), then the app handles it', async () => {
    const response = await fetch(`${origin}/carts/9/checkout`);
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: 'cart 9 has no customer' });
    const { context, status } = await sink.waitForEnd('/carts/9/checkout');
    expect(status).toBe(500);
    const errors = sink.errors.filter((e) => e.context === context);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.mechanism).toEqual({ kind: 'framework', handled: true, framework: 'express' });
    expect(handledByApp).toContain(errors[0]?.error);
    expect((context.trigger as HttpTrigger).route).toBe('/carts/:id/checkout');
  });

  it('captures an error passed to next()', async () => {
    expect((await fetch(`${origin}/next-error`)).status).toBe(500);
    const { context } = await sink.waitForEnd('/next-error');
    expect(sink.errors.filter((e) => e.context === context).map((e) => (e.error as Error).message)).toEqual([
      'passed to next',
    ]);
  });

  it('leaves errors that ask for a 4xx alone', async () => {
    expect((await fetch(`${origin}/not-found`)).status).toBe(404);
    const { context, status } = await sink.waitForEnd('/not-found');
    expect(status).toBe(404);
    expect(sink.errors.filter((e) => e.context === context)).toEqual([]);
  });

  it('captures automatically, without the middleware, with the full route of a mounted router', async () => {
    expect((await fetch(`${plainOrigin}/api/items/3`, { method: 'POST' })).status).toBe(500);
    const { context, status } = await sink.waitForEnd('/api/items/3');
    expect(status).toBe(500);
    const errors = sink.errors.filter((e) => e.context === context);
    expect(errors.map((e) => [(e.error as Error).message, e.mechanism.framework])).toEqual([
      ['quantity out of range', 'express'],
    ]);
    expect((context.trigger as HttpTrigger).route).toBe('/api/items/:id');
  });

  it('expressErrorHandler reports on its own and passes the error on', () => {
    const error = new Error('seen only by the middleware');
    const passed: unknown[] = [];
    const before = sink.errors.length;
    expressErrorHandler()(error, {}, {}, (e) => passed.push(e));
    expect(passed).toEqual([error]);
    expect(sink.errors.slice(before).map((e) => e.error)).toEqual([error]);
  });
});
