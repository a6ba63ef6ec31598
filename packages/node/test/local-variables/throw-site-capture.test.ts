import { describe, expect, it } from 'vitest';
import type { CapturedFrame, LocalVariablesStats } from '../../src/integrations/local-variables/index.js';
import { type FixtureOptions, runFixture } from './run-fixture.js';

/** Each fixture prints one JSON line; these name the shapes the assertions read. */
type Frames = CapturedFrame[] | null | undefined;

async function resultOf<T>(fixture: string, options: FixtureOptions = {}): Promise<T> {
  const run = await runFixture(fixture, options);
  expect(run.code, `${fixture} exited with ${run.code}\n${run.stderr}`).toBe(0);
  expect(run.result, `${fixture} printed no result\n${run.stdout}\n${run.stderr}`).toBeDefined();
  return run.result as T;
}

function frameNamed(frames: Frames, name: string): CapturedFrame {
  const frame = frames?.find((f) => f.function === name);
  if (!frame)
    throw new Error(`no captured frame named ${name}; got ${JSON.stringify(frames?.map((f) => f.function))}`);
  return frame;
}

describe('locals at the throw site', () => {
  it('captures a sync throw with every kind of value, encoded like the protocol encodes values', async () => {
    const { frames } = await resultOf<{ frames: Frames }>('sync-throw.mjs');
    const top = frames?.[0];
    expect(top?.function).toBe('checkout');
    expect(top?.file).toMatch(/fixtures\/sync-throw\.mjs$/);
    expect(top?.line).toBe(21);
    expect(top?.locals).toMatchObject({
      discount: 0.5, // block scope
      total: 130,
      label: 'order-42',
      order: { id: 42, items: [{ price: 60 }, { price: 70 }] },
      big: { $fb: 'bigint', v: '12345678901234567890' },
      nothing: { $fb: 'undefined' },
      when: { $fb: 'date', iso: '2026-01-02T03:04:05.678Z' },
      deep: { a: { b: { c: { d: { e: { $fb: 'depth', type: 'Object' } } } } } },
      loop: { name: 'loop', self: { $fb: 'circular' } },
      long: { $fb: 'string', v: 'x'.repeat(1024), size: 5000, truncated: true },
      callback: { $fb: 'function', name: 'onPaid' },
      tags: { $fb: 'set', values: ['a', 'b'] },
      byId: { $fb: 'map', entries: [[1, 'one']] },
      bytes: { $fb: 'bytes', base64: 'AQID', size: 3 },
    });
    // The caller is in-app too and gets its own locals.
    expect(frames?.[1]?.locals).toHaveProperty('checkout', { $fb: 'function', name: 'checkout' });
  });

  it('captures a throw inside an async function after an await, with the request context of the throw', async () => {
    const result = await resultOf<{ frames: Frames; contextMatches: boolean; contextUrl: string }>(
      'async-after-await.mjs',
    );
    expect(frameNamed(result.frames, 'loadCustomer').locals).toEqual({
      customerId: 7,
      query: 'select * from customers where id = ?',
      row: { $fb: 'undefined' },
      attempts: 3,
    });
    expect(result.contextMatches).toBe(true);
    expect(result.contextUrl).toBe('/customers/7');
  });

  it('captures unhandled rejections: an async throw and a reject() call', async () => {
    const { rejections } = await resultOf<{ rejections: { message: string; frames: Frames }[] }>(
      'unhandled-rejection.mjs',
    );
    const charge = rejections.find((r) => r.message.startsWith('charge'));
    const refund = rejections.find((r) => r.message.startsWith('refund'));
    expect(frameNamed(charge?.frames, 'chargeCard').locals).toEqual({
      amountCents: 0,
      gateway: 'https://pay.example',
      status: 402,
    });
    expect(refund?.frames?.[0]?.locals).toMatchObject({ attempt: 1 });
    expect(frameNamed(refund?.frames, 'refund').locals).toEqual({ orderId: 'ord_1', reason: 'duplicate' });
  });

  it('captures an uncaught error in an ESM app', async () => {
    const result = await resultOf<{ origin: string; frames: Frames }>('esm-uncaught.mjs');
    expect(result.origin).toBe('uncaughtException');
    expect(frameNamed(result.frames, 'applyPromo').locals).toEqual({
      cart: { subtotal: 1999 },
      promo: { code: 'FREE100', percent: 100 },
      total: 0,
    });
  });

  it('captures the module scope when an ESM module fails at top level', async () => {
    const result = await resultOf<{ message: string; frames: Frames }>('esm-top-level.mjs');
    expect(result.message).toMatch(/Cannot set properties of undefined/);
    expect(result.frames?.[0]?.locals).toMatchObject({
      config: { region: 'eu-west-1', retries: 2 },
      missing: { $fb: 'undefined' },
    });
  });

  it('captures in a CommonJS app', async () => {
    const { frames } = await resultOf<{ frames: Frames }>('cjs-app.cjs');
    expect(frameNamed(frames, 'reserveStock').locals).toEqual({ sku: 'SKU-9', quantity: 5, available: 2 });
  });

  it('gives the in-app callers of a throw inside a dependency their locals, and skips the dependency', async () => {
    const { frames } = await resultOf<{ frames: Frames }>('dependency-throw.mjs');
    expect(frames?.[0]?.function).toBe('loadOrders');
    expect(frames?.[0]?.locals).toEqual({ customerId: 6, sql: 'select * from orders where customer_id = 6' });
    expect(frames?.some((f) => f.file.includes('vendor'))).toBe(false);
  });

  it('keeps the original throw site when an error is caught and rethrown', async () => {
    const { rethrown } = await resultOf<{ rethrown: Frames }>('rethrow-and-wrap.mjs');
    expect(rethrown?.[0]?.function).toBe('parsePrice');
    expect(rethrown?.[0]?.locals).toEqual({
      raw: ' abc ',
      cleaned: 'abc',
      cents: { $fb: 'number', v: 'NaN' },
    });
    // The catch block's own variable (seenAt) would only exist had the rethrow overwritten it.
    expect(frameNamed(rethrown, 'rethrowing').locals).toEqual({ raw: ' abc ', stage: 'rethrow' });
  });

  it('gives a wrapping error its own locals and keeps the cause its original ones', async () => {
    const { wrapper, cause } = await resultOf<{ wrapper: Frames; cause: Frames }>('rethrow-and-wrap.mjs');
    expect(wrapper?.[0]?.function).toBe('wrapping');
    expect(wrapper?.[0]?.locals).toMatchObject({
      stage: 'wrap',
      error: { $fb: 'error', name: 'TypeError', message: 'not a price: xyz' },
    });
    expect(cause?.[0]?.function).toBe('parsePrice');
    expect(cause?.[0]?.locals).toMatchObject({ raw: ' xyz ', cleaned: 'xyz' });
  });
});

describe('never hurting the host', () => {
  it('survives a storm of 10,000 caught errors quickly, the rate limiter switching pausing off', async () => {
    const result = await resultOf<{ elapsedMs: number; withLocals: number; stats: LocalVariablesStats }>(
      'storm.mjs',
    );
    expect(result.elapsedMs).toBeLessThan(5_000);
    expect(result.withLocals).toBeGreaterThan(0);
    expect(result.withLocals).toBeLessThanOrEqual(50);
    expect(result.stats.disabledCount).toBeGreaterThanOrEqual(1);
    expect(result.stats.pausing).toBe(false);
  });

  it("does not pause for Node's own plumbing (a fetch body read), so only the app's error is paused for", async () => {
    const result = await resultOf<{ frames: Frames; stats: LocalVariablesStats }>('node-plumbing.mjs');
    expect(frameNamed(result.frames, 'charge').locals).toEqual({ amountCents: 0, currency: 'EUR' });
    expect(result.stats).toMatchObject({ pauses: 1, captured: 1, disabledCount: 0 });
  });

  it('runs no getter, proxy trap or toJSON of the host while paused, and lets non-objects and debugger statements pass', async () => {
    const result = await resultOf<{
      locals: Record<string, unknown>;
      stringThrow: { thrown: string; frames: Frames };
      debuggerStatement: boolean;
      calls: Record<string, number>;
    }>('side-effects.mjs');
    expect(result.calls).toEqual({ getter: 0, proxy: 0, toJSON: 0 });
    expect(result.locals).toMatchObject({
      withGetter: { plain: 1, expensive: { $fb: 'function', name: 'get expensive' } },
      proxied: { $fb: 'depth', type: 'Proxy' },
      tagged: { $fb: 'object', v: { $fb: 'user data' } },
    });
    expect(result.stringThrow).toEqual({ thrown: 'plain string', frames: null });
    expect(result.debuggerStatement).toBe(true);
  });

  it("starts no worker and installs no hook with captureLocals: 'off'", async () => {
    type Outcome = {
      ready: boolean;
      state: string;
      addedThreads: number;
      hookInstalled: boolean;
      frames: Frames;
    };
    const off = await resultOf<Outcome>('capture-off.mjs', { args: ['off'] });
    expect(off).toEqual({ ready: false, state: 'off', addedThreads: 0, hookInstalled: false, frames: null });
    // The same app with capture on: one more thread, and the locals.
    const on = await resultOf<Outcome>('capture-off.mjs', { args: ['on'] });
    expect(on.addedThreads).toBeGreaterThanOrEqual(1);
    expect(on.hookInstalled).toBe(true);
    expect(frameNamed(on.frames, 'fail').locals).toEqual({ secret: 'kept?' });
  });

  it("captureLocals: 'after-error' captures only after a packaged error, for armedForMs", async () => {
    const result = await resultOf<{
      ready: boolean;
      state: string;
      beforeError: { pausing: boolean; locals: unknown };
      armed: { locals: unknown };
      afterWindow: { locals: unknown; armedForAtLeastMs: number };
    }>('after-error.mjs');
    expect(result).toMatchObject({ ready: true, state: 'ready' });
    expect(result.beforeError).toEqual({ pausing: false, locals: null });
    expect(result.armed.locals).toEqual({ attempt: 2, secret: 'attempt 2' });
    expect(result.afterWindow.locals).toBeNull();
    expect(result.afterWindow.armedForAtLeastMs).toBeGreaterThanOrEqual(500);
  });

  it('stays out of the way of a debugger present at start (node --inspect)', async () => {
    const result = await resultOf<{ ready: boolean; state: string; addedThreads: number; frames: Frames }>(
      'capture-off.mjs',
      { nodeArgs: ['--inspect=127.0.0.1:0'], args: ['on'] },
    );
    expect(result).toMatchObject({ ready: false, state: 'debugger-attached', addedThreads: 0, frames: null });
  });

  it('steps aside when a debugger is opened later (as SIGUSR1 does)', async () => {
    const result = await resultOf<{ first: boolean; second: boolean; state: string; hookInstalled: boolean }>(
      'debugger-later.mjs',
    );
    expect(result).toMatchObject({
      first: true,
      second: false,
      state: 'debugger-attached',
      hookInstalled: false,
    });
  });

  it('teardown stops capture, removes the hook and lets the process exit', async () => {
    const result = await resultOf<{
      capturedBefore: boolean;
      capturedAfter: boolean;
      state: string;
      hookInstalled: boolean;
    }>('teardown.mjs');
    expect(result).toEqual({
      capturedBefore: true,
      capturedAfter: false,
      state: 'stopped',
      hookInstalled: false,
    });
  });

  it('lets a crashing app crash as usual, with no inspector message in its output', async () => {
    const run = await runFixture('crash.mjs');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Error: no handler');
    expect(run.stderr).not.toContain('Waiting for the debugger');
  });
});
