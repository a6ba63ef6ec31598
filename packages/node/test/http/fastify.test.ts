import type { HttpTrigger } from '@flashback/protocol/types';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fastifyIntegration, setupFastifyErrorHandler } from '../../src/integrations/fastify/index.js';
import { httpServerIntegration } from '../../src/integrations/http-server/index.js';
import { installIntegrations } from './install-integrations.js';
import { RecordingSink } from './recording-sink.js';

const sink = new RecordingSink();
let teardown: () => void;
/** Created before the SDK started: only the explicit helper instruments it. */
let early: FastifyInstance;
/** Created after: instrumented automatically, and given the helper too. */
let app: FastifyInstance;
let earlyOrigin: string;
let appOrigin: string;

function routes(instance: FastifyInstance): void {
  instance.get('/orders/:id', async (request) => {
    const { id } = request.params as { id: string };
    throw new TypeError(`Cannot read properties of undefined (reading 'total') for order ${id}`);
  });
  instance.get('/sync-throw', () => {
    throw new Error('sync failure');
  });
  instance.get('/missing', async () => {
    throw Object.assign(new Error('no such order'), { statusCode: 404 });
  });
  instance.get('/ok', async () => ({ ok: true }));
  // Hook errors never reach the handler's diagnostics channel; only the onError hook sees them.
  instance.get(
    '/hook-fails',
    { onRequest: async () => Promise.reject(new Error('auth backend down')) },
    async () => 'unreachable',
  );
}

beforeAll(async () => {
  early = Fastify();
  routes(early);
  setupFastifyErrorHandler(early);
  teardown = installIntegrations([httpServerIntegration(), fastifyIntegration()], sink);
  app = Fastify();
  routes(app);
  setupFastifyErrorHandler(app);
  earlyOrigin = await early.listen({ port: 0, host: '127.0.0.1' });
  appOrigin = await app.listen({ port: 0, host: '127.0.0.1' });
});

afterAll(async () => {
  await app.close();
  await early.close();
  teardown();
});

/** Errors the sink received for requests to `url` on the server at `origin`. */
function errorsFor(url: string) {
  return sink.errors.filter((e) => e.context?.trigger.kind === 'http' && e.context.trigger.url === url);
}

describe('fastify', () => {
  it('captures a handler error once, with the framework mechanism, the route and a 5xx end', async () => {
    const response = await fetch(`${appOrigin}/orders/42`);
    expect(response.status).toBe(500);
    const { context, status } = await sink.waitForEnd('/orders/42');
    expect(status).toBe(500);
    const errors = sink.errors.filter((e) => e.context === context);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.mechanism).toEqual({ kind: 'framework', handled: true, framework: 'fastify' });
    expect(errors[0]?.error).toBeInstanceOf(TypeError);
    expect((context.trigger as HttpTrigger).route).toBe('/orders/:id');
  });

  it('captures a synchronous throw', async () => {
    expect((await fetch(`${appOrigin}/sync-throw`)).status).toBe(500);
    await sink.waitForEnd('/sync-throw');
    expect(errorsFor('/sync-throw').map((e) => (e.error as Error).message)).toEqual(['sync failure']);
  });

  it('leaves 4xx answers and successful requests alone', async () => {
    expect((await fetch(`${appOrigin}/missing`)).status).toBe(404);
    expect((await fetch(`${appOrigin}/ok`)).status).toBe(200);
    expect((await sink.waitForEnd('/missing')).status).toBe(404);
    expect((await sink.waitForEnd('/ok')).status).toBe(200);
    expect(errorsFor('/missing')).toEqual([]);
    expect(errorsFor('/ok')).toEqual([]);
  });

  it('captures an error thrown by a hook, through the onError hook the SDK added', async () => {
    expect((await fetch(`${appOrigin}/hook-fails`)).status).toBe(500);
    await sink.waitForEnd('/hook-fails');
    const errors = sink.errors.filter(
      (e) => e.context?.trigger.kind === 'http' && e.context.trigger.url === '/hook-fails',
    );
    expect(errors.map((e) => (e.error as Error).message)).toEqual(['auth backend down']);
  });

  it('captures through setupFastifyErrorHandler on an instance created before the SDK started', async () => {
    const response = await fetch(`${earlyOrigin}/orders/7`);
    expect(response.status).toBe(500);
    const { context } = await sink.waitForEnd('/orders/7');
    const errors = sink.errors.filter((e) => e.context === context);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.mechanism.framework).toBe('fastify');
    expect((context.trigger as HttpTrigger).route).toBe('/orders/:id');
  });

  it('captures a hook error on an instance created before the SDK started, through the helper', async () => {
    const before = sink.errors.length;
    expect((await fetch(`${earlyOrigin}/hook-fails`)).status).toBe(500);
    await vi.waitFor(() => expect(sink.endedFor('/hook-fails')).toHaveLength(2));
    expect(sink.errors.slice(before).map((e) => (e.error as Error).message)).toEqual(['auth backend down']);
  });
});
