import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { type ErrorPackage, validatePackage } from '@flashback/protocol';
import { type Scenario, startScenario, startStubCollector, waitFor } from '@flashback-dev/test-harness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const app = (name: string) => fileURLToPath(new URL(`./apps/${name}`, import.meta.url));

/** An upstream that answers every login with 401, so the app's outbound call is recorded. */
async function startUpstream(): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.statusCode = 401;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ error: 'invalid_credentials' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

async function lastPackage(scenario: Scenario, before: number): Promise<ErrorPackage> {
  const packages = await scenario.waitForPackages(before + 1, 10_000);
  const pkg = packages[packages.length - 1]!;
  const validation = validatePackage(pkg);
  expect(validation.ok, JSON.stringify(validation.ok ? [] : validation.errors)).toBe(true);
  return pkg;
}

describe('plain ESM http service with the SDK preloaded', () => {
  let scenario: Scenario;
  let upstream: { url: string; server: Server };

  beforeAll(async () => {
    upstream = await startUpstream();
    scenario = await startScenario({ entry: app('plain-esm-app.mjs'), env: { UPSTREAM_URL: upstream.url } });
  });
  afterAll(async () => {
    await scenario?.stop();
    upstream?.server.close();
  });

  it('packages an error passed to captureException, with the locals where it was thrown', async () => {
    const before = (await scenario.packages()).length;
    const res = await scenario.request('GET', '/captured');
    expect(res.status).toBe(200);
    const pkg = await lastPackage(scenario, before);
    expect(pkg.mechanism).toEqual({ kind: 'captureException', handled: true });
    expect(pkg.trigger).toMatchObject({
      kind: 'http',
      method: 'GET',
      url: '/captured',
      response: { status: 200 },
    });
    expect(pkg.error.frames[0]).toMatchObject({
      inApp: true,
      module: 'test/scenarios/apps/plain-esm-app.mjs',
    });
    expect(pkg.error.frames[0]?.locals?.order).toEqual({ id: 'ord_1', total: 0 });
  });

  it('packages a 5xx answered without any exception', async () => {
    const before = (await scenario.packages()).length;
    expect((await scenario.request('GET', '/plain-500')).status).toBe(503);
    const pkg = await lastPackage(scenario, before);
    expect(pkg.mechanism.kind).toBe('http-5xx');
    expect(pkg.error).toMatchObject({ type: 'HttpServerError', message: 'GET /plain-500 responded 503' });
  });

  it('keeps a 1 MB body flowing to the app and stores only the capped prefix', async () => {
    const before = (await scenario.packages()).length;
    const body = JSON.stringify({ blob: 'a'.repeat(1024 * 1024) });
    const res = await scenario.request('POST', '/upload', JSON.parse(body) as unknown);
    expect(res.text).toBe(`failed after ${Buffer.byteLength(body)} bytes`);
    const pkg = await lastPackage(scenario, before);
    const captured = (pkg.trigger as { body?: { size: number; truncated: boolean; data: string } }).body;
    expect(captured?.size).toBe(Buffer.byteLength(body));
    expect(captured?.truncated).toBe(true);
    expect(captured?.data.length).toBe(64 * 1024);
  });

  it('stores a binary body as base64 with its content type', async () => {
    const before = (await scenario.packages()).length;
    const bytes = Buffer.from([0, 255, 1, 254, 2, 253, 0x89, 0x50, 0x4e, 0x47]);
    const res = await fetch(`${scenario.url}/upload`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: bytes,
    });
    expect(res.status).toBe(500);
    const pkg = await lastPackage(scenario, before);
    const captured = (pkg.trigger as { body?: { encoding: string; data: string; contentType?: string } })
      .body;
    expect(captured).toMatchObject({ encoding: 'base64', contentType: 'application/octet-stream' });
    expect(Buffer.from(captured!.data, 'base64')).toEqual(bytes);
  });

  it('encodes circular and oversized locals without failing', async () => {
    const before = (await scenario.packages()).length;
    expect((await scenario.request('GET', '/circular')).status).toBe(500);
    const pkg = await lastPackage(scenario, before);
    const node = pkg.error.frames[0]?.locals?.node as Record<string, unknown>;
    expect(node.self).toEqual({ $fb: 'circular' });
    const child = (node.children as Record<string, unknown>[])[0]!;
    expect(child.parent).toEqual({ $fb: 'circular' });
    expect(child.label).toMatchObject({ $fb: 'string', size: 5000, truncated: true });
  });

  it('redacts credentials in the trigger, the outbound call and the locals, and says where', async () => {
    const before = (await scenario.packages()).length;
    const res = await scenario.request('POST', '/login', { user: 'ada', password: 'correct horse battery' });
    expect(res.status).toBe(502);
    const pkg = await lastPackage(scenario, before);
    const file = await readFile(`${scenario.outputDir}/${pkg.id}.json`, 'utf8');
    expect(file).not.toContain('correct horse battery');
    expect(file).not.toContain('sk_live_abcdefghijklmnop1234');
    const call = pkg.timeline.find((e) => e.type === 'http');
    expect(call).toMatchObject({ type: 'http', method: 'POST', status: 401 });
    const rules = pkg.redactions.map((r) => r.rule);
    expect(rules).toContain('header:authorization');
    expect(rules).toContain('key:password');
    expect(pkg.redactions.some((r) => r.path.startsWith('trigger.body'))).toBe(true);
  });

  it('bounds memory while many large failing requests stream through', async () => {
    const rss = async () => {
      const status = await readFile(`/proc/${scenario.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]) * 1024;
    };
    const before = await rss();
    const payload = { blob: 'b'.repeat(1024 * 1024) };
    for (let i = 0; i < 60; i++) await scenario.request('POST', '/upload', payload);
    await waitFor(async () => (await scenario.packages()).length >= 60, {
      what: '60 packages',
      timeoutMs: 20_000,
    });
    expect((await scenario.request('GET', '/health')).status).toBe(200);
    expect(await rss()).toBeLessThan(before + 150 * 1024 * 1024);
  });
});

describe('a crashing process still crashes, and its package is on disk', () => {
  it('uncaught exception: the process still dies; the package was written synchronously with the locals', async () => {
    const scenario = await startScenario({ entry: app('plain-esm-app.mjs') });
    await scenario.request('GET', '/crash').catch(() => undefined);
    await waitFor(() => /crashed with 3 retries left/.test(scenario.stderr()), {
      what: 'the crash on stderr',
    });
    await waitFor(() => !isAlive(scenario.pid), { what: 'the crashed process to exit' });
    const [pkg] = await scenario.waitForPackages(1, 5_000);
    await scenario.stop();
    expect(pkg?.mechanism).toEqual({ kind: 'uncaughtException', handled: false });
    expect(pkg?.error.message).toBe('crashed with 3 retries left');
    expect(pkg?.error.frames[0]?.locals?.config).toEqual({ retries: 3 });
  });

  it('unhandled rejection: packaged with its trigger', async () => {
    const scenario = await startScenario({ entry: app('plain-esm-app.mjs') });
    await scenario.request('GET', '/reject').catch(() => undefined);
    const [pkg] = await scenario.waitForPackages(1, 5_000);
    await scenario.stop();
    expect(pkg?.mechanism).toEqual({ kind: 'unhandledRejection', handled: false });
    expect(pkg?.error).toMatchObject({ type: 'RangeError', message: 'attempt 7 out of range' });
    expect(pkg?.error.frames[0]?.locals?.n).toBe(7);
    expect(pkg?.trigger).toMatchObject({ kind: 'http', url: '/reject' });
  });
});

describe('CommonJS Express service with the SDK preloaded', () => {
  it('captures the error Express turned into a 500, with the route and the locals', async () => {
    const scenario = await startScenario({ entry: app('express-cjs-app.cjs') });
    try {
      expect((await scenario.request('GET', '/users/1')).status).toBe(200);
      expect((await scenario.request('GET', '/users/2')).status).toBe(500);
      const [pkg] = await scenario.waitForPackages(1, 5_000);
      expect(pkg?.error).toMatchObject({
        type: 'TypeError',
        message: "Cannot read properties of undefined (reading 'name')",
      });
      expect(pkg?.trigger).toMatchObject({ method: 'GET', url: '/users/2', response: { status: 500 } });
      expect(pkg?.error.frames[0]?.locals?.users).toEqual({ 1: { name: 'Ada' } });
    } finally {
      await scenario.stop();
    }
  });
});

describe('delivery to a collector', () => {
  it('sends gzip batches with the project key to FLASHBACK_DSN', async () => {
    const collector = await startStubCollector({ project: 'scenarios' });
    const scenario = await startScenario({
      entry: app('plain-esm-app.mjs'),
      env: { FLASHBACK_DSN: collector.dsn },
    });
    try {
      await scenario.request('GET', '/plain-500');
      await waitFor(() => collector.packages().length === 1, { what: 'one package at the collector' });
      expect(collector.packages()[0]?.error.type).toBe('HttpServerError');
      expect(collector.requests()[0]).toMatchObject({
        gzip: true,
        key: collector.key,
        project: 'scenarios',
        status: 200,
      });
    } finally {
      await scenario.stop();
      await collector.stop();
    }
  });

  it('keeps serving when the collector is unreachable and nonsense options are set', async () => {
    const scenario = await startScenario({
      entry: app('plain-esm-app.mjs'),
      env: {
        FLASHBACK_DEBUG: '1',
        FLASHBACK_SAMPLE_RATE: 'lots',
        FLASHBACK_MAX_BODY_BYTES: '-1',
        FLASHBACK_SPOOL_DIR: '/proc/not-writable',
        FLASHBACK_DSN: 'http://key@127.0.0.1:9/nowhere',
      },
    });
    try {
      for (let i = 0; i < 5; i++) expect((await scenario.request('GET', '/plain-500')).status).toBe(503);
      expect((await scenario.request('GET', '/health')).status).toBe(200);
      await scenario.waitForPackages(5, 5_000);
      expect(scenario.stderr()).toContain('ignoring sampleRate="lots"');
      expect(scenario.stderr()).toContain('ignoring maxBodyBytes="-1"');
    } finally {
      await scenario.stop();
    }
  });

  it('leaves out the integrations named in FLASHBACK_DISABLED_INTEGRATIONS, and names an unknown one', async () => {
    const upstream = await startUpstream();
    const scenario = await startScenario({
      entry: app('plain-esm-app.mjs'),
      env: {
        UPSTREAM_URL: upstream.url,
        FLASHBACK_DEBUG: '1',
        FLASHBACK_DISABLED_INTEGRATIONS: 'http-client, local-variables,no-such-thing',
      },
    });
    try {
      const before = (await scenario.packages()).length;
      expect((await scenario.request('POST', '/login', { user: 'ada', password: 'x' })).status).toBe(502);
      const pkg = await lastPackage(scenario, before);
      // Still packaged, with its trigger, but without the outbound call.
      expect(pkg.trigger).toMatchObject({ kind: 'http', method: 'POST', url: '/login' });
      expect(pkg.timeline.filter((e) => e.type === 'http')).toEqual([]);
      // The same throw site that has its locals with every integration on (see above).
      const next = (await scenario.packages()).length;
      expect((await scenario.request('GET', '/captured')).status).toBe(200);
      const captured = await lastPackage(scenario, next);
      expect(captured.error.frames[0]).toMatchObject({ inApp: true });
      expect(captured.error.frames[0]?.locals).toBeUndefined();
      expect(scenario.stderr()).toMatch(
        /ignoring disabled integration "no-such-thing": expected one of .*http-client/,
      );
    } finally {
      await scenario.stop();
      upstream.server.close();
    }
  });

  it('FLASHBACK_LOCALS=after-error: the first package has no locals, a recurrence has them', async () => {
    const scenario = await startScenario({
      entry: app('plain-esm-app.mjs'),
      env: { FLASHBACK_LOCALS: 'after-error' },
    });
    try {
      const capturedOnce = async () => {
        const before = (await scenario.packages()).length;
        expect((await scenario.request('GET', '/captured')).status).toBe(200);
        return (await lastPackage(scenario, before)).error.frames[0];
      };
      const first = await capturedOnce();
      expect(first).toMatchObject({ inApp: true });
      expect(first?.locals).toBeUndefined();
      // The first package armed capture in the inspector worker; arming is asynchronous.
      const recurrence = await waitFor(
        async () => {
          const frame = await capturedOnce();
          return frame?.locals ? frame : undefined;
        },
        { timeoutMs: 10_000, intervalMs: 100, what: 'a package with locals after the first' },
      );
      expect(recurrence.locals?.order).toEqual({ id: 'ord_1', total: 0 });
    } finally {
      await scenario.stop();
    }
  });

  it('ignores a malformed DSN with a message naming it', async () => {
    const scenario = await startScenario({
      entry: app('plain-esm-app.mjs'),
      env: { FLASHBACK_DEBUG: '1', FLASHBACK_DSN: 'not a url' },
    });
    try {
      expect((await scenario.request('GET', '/health')).status).toBe(200);
      expect(scenario.stderr()).toMatch(
        /ignoring FLASHBACK_DSN "not a url".*expected http:\/\/<key>@host:port\/<project>/,
      );
    } finally {
      await scenario.stop();
    }
  });
});
