import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@flashback-dev/test-harness';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isStubError, planStubs, startStubs } from '../../src/stubs/index.js';
import { at, cacheMiss, chargeRejected, packageWith } from './support/captured-events.js';

let workDir: string;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'flashback-start-stubs-'));
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

async function occupy(port: number): Promise<Server> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return server;
}

async function expectStubError(promise: Promise<unknown>, code: string): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(isStubError(error)).toBe(true);
  expect((error as { code: string }).code).toBe(code);
  return error as Error;
}

describe('startStubs', () => {
  it('fails with FB_STUB_LISTEN_FAILED when a recorded port is taken, leaving nothing listening', async () => {
    const [free, taken] = [await freePort(), await freePort()];
    const blocker = await occupy(taken);
    try {
      const pkg = packageWith([
        at({ ...chargeRejected, url: `http://127.0.0.1:${free}/v1/charges` }, 1),
        at({ ...cacheMiss, server: `127.0.0.1:${taken}/0` }, 2),
      ]);
      const error = await expectStubError(
        startStubs(planStubs(pkg), { bind: 'recorded', workDir }),
        'FB_STUB_LISTEN_FAILED',
      );
      expect(error.message).toContain(`redis 127.0.0.1:${taken}`);
      expect(error.message).toContain('EADDRINUSE');
      // The HTTP stub started first was closed again: its port is free.
      await (await occupy(free)).close();
    } finally {
      blocker.close();
    }
  });

  it('refuses HTTP and Redis on one recorded address with FB_STUB_ADDRESS_CONFLICT', async () => {
    const port = await freePort();
    const pkg = packageWith([
      at({ ...chargeRejected, url: `http://cache.internal:${port}/` }, 1),
      at({ ...cacheMiss, server: `cache.internal:${port}/0` }, 2),
    ]);
    await expectStubError(
      startStubs(planStubs(pkg), { bind: 'recorded', workDir }),
      'FB_STUB_ADDRESS_CONFLICT',
    );
  });

  it('falls back to loopback for a recorded IP address the machine does not have', async () => {
    const port = await freePort();
    const pkg = packageWith([at({ ...chargeRejected, url: `http://192.0.2.10:${port}/v1/charges` }, 1)]);
    const stubs = await startStubs(planStubs(pkg), { bind: 'recorded', workDir, latencyScale: 0 });
    try {
      expect(stubs.endpoints).toEqual([
        {
          kind: 'http',
          recorded: { host: '192.0.2.10', port },
          listening: { host: '127.0.0.1', port },
          bound: { host: '127.0.0.1', port },
        },
      ]);
      expect(stubs.caCertFile).toBeUndefined();
    } finally {
      await stubs.close();
    }
  });

  it('closes once, reporting never-made calls once', async () => {
    const stubs = await startStubs(planStubs(packageWith([chargeRejected, cacheMiss])), {
      bind: 'ephemeral',
      workDir,
    });
    await Promise.all([stubs.close(), stubs.close()]);
    await stubs.close();
    expect(stubs.divergences().map((d) => [d.kind, d.service])).toEqual([
      ['not-called', 'http http://127.0.0.1:35999'],
      ['not-called', 'redis 127.0.0.1:37387/0'],
    ]);
  });

  it('resets the Redis connection where the recording lost it', async () => {
    const lost = {
      ...cacheMiss,
      outcome: 'error' as const,
      error: { name: 'Error', code: 'ECONNRESET', message: 'read ECONNRESET' },
    };
    const stubs = await startStubs(planStubs(packageWith([lost])), { bind: 'ephemeral', workDir });
    const client = new Redis({
      port: stubs.endpoints[0]?.listening.port,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    client.on('error', () => undefined);
    try {
      await expect(client.get('checkout:receipt-template:de')).rejects.toThrow();
      expect(client.status).not.toBe('ready');
    } finally {
      client.disconnect();
      await stubs.close();
    }
  });

  it('answers with an error reply, not a crash, for a recorded reply it cannot encode', async () => {
    const broken = { ...cacheMiss, reply: { $fb: 'bigint', v: 'not a number' } };
    const stubs = await startStubs(planStubs(packageWith([broken])), { bind: 'ephemeral', workDir });
    const client = new Redis({ port: stubs.endpoints[0]?.listening.port, maxRetriesPerRequest: 0 });
    try {
      await expect(client.get('checkout:receipt-template:de')).rejects.toThrow(
        /^ERR flashback stub failure: /,
      );
    } finally {
      client.disconnect();
      await stubs.close();
    }
  });
});
