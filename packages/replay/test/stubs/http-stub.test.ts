import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { freePort, waitFor } from '@flashback-dev/test-harness';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DIVERGENCE_HEADER, UNEXPECTED_CALL_STATUS } from '../../src/stubs/index.js';
import { type Recorder, type Recording, realValue, type Step, startRecorder } from './support/recorder.js';
import { causeCode, httpEvents, type Replay, replay, withTimeline } from './support/replay-helpers.js';
import { BINARY_BODY, CUSTOMER_DELAY_MS, startUpstream, type Upstream } from './support/upstream-server.js';

let upstream: Upstream;
let recorder: Recorder;
let recording: Recording;
let refusedPort: number;
let running: Replay | undefined;

const charge = () => ({
  amount: 3600,
  currency: 'usd',
  description: `Order ord_${randomUUID()} at Flashback Goods`,
  created_at: new Date().toISOString(),
});
const chargeHeaders = () => ({
  'content-type': 'application/json',
  authorization: `Bearer sk_live_${randomUUID()}`,
  'idempotency-key': randomUUID(),
  'x-request-id': randomUUID(),
  date: new Date().toUTCString(),
});
const FORM = 'card=4242424242424242&exp=12%2F30&cvc=123';

/** The recorded calls, in order; replays below send the same calls with fresh volatile values. */
const steps = (): Step[] => [
  {
    op: 'fetch',
    url: `${upstream.url}/v1/charges`,
    method: 'POST',
    headers: chargeHeaders(),
    body: JSON.stringify(charge()),
  },
  { op: 'fetch', url: `${upstream.url}/v1/customers/42?expand=cards&limit=2` },
  { op: 'http', url: `${upstream.url}/binary` },
  {
    op: 'fetch',
    url: `${upstream.url}/v1/tokens`,
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: FORM,
  },
  { op: 'fetch', url: `${upstream.url}/status` },
  { op: 'fetch', url: `${upstream.url}/slow`, timeoutMs: 300 },
  { op: 'fetch', url: `${upstream.url}/reset` },
  { op: 'fetch', url: `http://127.0.0.1:${refusedPort}/v1/ping` },
];

beforeAll(async () => {
  upstream = await startUpstream();
  refusedPort = await freePort();
  recorder = await startRecorder();
  recording = await recorder.record(steps());
});

afterAll(async () => {
  await recorder?.stop();
  await upstream?.close();
});

afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function start(options: Parameters<typeof replay>[1] = {}, pkg = recording.pkg): Promise<Replay> {
  running = await replay(pkg, options);
  return running;
}

interface RealResponse {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: string;
}

function realResult(index: number): RealResponse {
  return realValue<RealResponse>(recording, index);
}

/** node:http GET, for the exact bytes and headers as they arrive. */
function httpGet(
  url: string,
  options: http.RequestOptions = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, options, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
      );
    });
    request.on('error', reject);
    request.end();
  });
}

describe('the recording', () => {
  it('holds every call with the outcome the real servers gave', () => {
    expect(
      httpEvents(recording.pkg).map((e) => [
        e.method,
        new URL(e.url).pathname,
        e.outcome,
        e.status ?? e.error?.code,
      ]),
    ).toEqual([
      ['POST', '/v1/charges', 'ok', 402],
      ['GET', '/v1/customers/42', 'ok', 200],
      ['GET', '/binary', 'ok', 200],
      ['POST', '/v1/tokens', 'ok', 201],
      ['GET', '/status', 'ok', 503],
      ['GET', '/slow', 'timeout', 'ETIMEDOUT'],
      ['GET', '/reset', 'error', 'ECONNRESET'],
      ['GET', '/v1/ping', 'error', 'ECONNREFUSED'],
    ]);
  });
});

describe('HTTP stub', () => {
  it('replays the whole recording to real clients, each call answered as the real servers did', async () => {
    const stubs = await start();
    const base = stubs.url(upstream.port);

    const declined = await fetch(`${base}/v1/charges`, {
      method: 'POST',
      headers: chargeHeaders(),
      body: JSON.stringify(charge()),
    });
    expect([declined.status, declined.statusText, await declined.text()]).toEqual([
      402,
      'Payment Required',
      realResult(0).body,
    ]);
    expect(declined.headers.get('x-request-id')).toBe(realResult(0).headers['x-request-id']);
    // Cookie values were redacted in the recording: the stub serves what was recorded.
    const cookies = httpEvents(recording.pkg)[0]?.responseHeaders?.['set-cookie'];
    expect(cookies).toEqual([
      expect.stringMatching(/^session=\[redacted:[0-9a-f]{12}\]; Path=\/; HttpOnly$/),
      expect.any(String),
    ]);
    expect(declined.headers.getSetCookie()).toEqual(cookies);

    const customer = await fetch(`${base}/v1/customers/42?limit=2&expand=cards`);
    expect(customer.headers.get('content-encoding')).toBe('gzip');
    expect(await customer.json()).toEqual(JSON.parse(realResult(1).body));

    const binary = await httpGet(`${base}/binary`);
    expect(binary.body.equals(BINARY_BODY)).toBe(true);
    expect(binary.headers['content-length']).toBe(String(BINARY_BODY.byteLength));

    const token = await fetch(`${base}/v1/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'card=5555555555554444&exp=01%2F31&cvc=999',
    });
    expect([token.status, await token.text()]).toEqual([201, realResult(3).body]);

    const unavailable = await fetch(`${base}/status`);
    expect([unavailable.status, unavailable.headers.get('content-type'), await unavailable.text()]).toEqual([
      503,
      'text/html',
      realResult(4).body,
    ]);

    await expect(fetch(`${base}/slow`, { signal: AbortSignal.timeout(300) })).rejects.toMatchObject({
      name: 'TimeoutError',
    });
    const reset = await fetch(`${base}/reset`).catch((error: unknown) => error);
    expect(causeCode(reset)).toBe('ECONNRESET');
    const refused = await fetch(`http://127.0.0.1:${stubs.port(refusedPort)}/v1/ping`).catch(
      (error: unknown) => error,
    );
    expect(causeCode(refused)).toBe('ECONNREFUSED');

    await stubs.stubs.close();
    expect(stubs.stubs.divergences()).toEqual([]);
  });

  it('waits the recorded latency, scaled', async () => {
    const recorded = httpEvents(recording.pkg)[1]?.durationMs ?? 0;
    expect(recorded).toBeGreaterThanOrEqual(CUSTOMER_DELAY_MS);
    const stubs = await start({ latencyScale: 1 });
    const started = performance.now();
    await (await fetch(`${stubs.url(upstream.port)}/v1/customers/42?expand=cards&limit=2`)).text();
    expect(performance.now() - started).toBeGreaterThanOrEqual(recorded - 1);

    const unscaled = await replay(recording.pkg, { latencyScale: 0 });
    try {
      const again = performance.now();
      await (await fetch(`${unscaled.url(upstream.port)}/v1/customers/42?expand=cards&limit=2`)).text();
      expect(performance.now() - again).toBeLessThan(CUSTOMER_DELAY_MS);
    } finally {
      await unscaled.close();
    }
  });

  it('serves a call made out of recorded order and reports it as a mismatch', async () => {
    const stubs = await start();
    const base = stubs.url(upstream.port);
    expect((await fetch(`${base}/status`)).status).toBe(503);
    expect(
      (
        await fetch(`${base}/v1/charges`, {
          method: 'POST',
          headers: chargeHeaders(),
          body: JSON.stringify(charge()),
        })
      ).status,
    ).toBe(402);
    const [mismatch] = stubs.stubs.divergences();
    expect(mismatch).toMatchObject({
      kind: 'mismatch',
      service: `http ${upstream.url}`,
      asked: 'GET /status',
      expectedSeq: httpEvents(recording.pkg)[0]?.seq,
      expected: 'POST /v1/charges',
    });
  });

  it('answers a call the recording does not have with a clear error and reports it', async () => {
    const stubs = await start();
    const response = await fetch(`${stubs.url(upstream.port)}/v1/refunds`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(UNEXPECTED_CALL_STATUS);
    expect(response.headers.get(DIVERGENCE_HEADER)).toBe('unexpected-call');
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      error: 'flashback: unexpected call',
      asked: 'POST /v1/refunds',
      recordingNext: { seq: httpEvents(recording.pkg)[0]?.seq, call: 'POST /v1/charges' },
      difference: 'path: recorded /v1/charges, got /v1/refunds',
    });
    expect(stubs.stubs.divergences()).toEqual([
      expect.objectContaining({
        kind: 'unexpected-call',
        asked: 'POST /v1/refunds',
        expected: 'POST /v1/charges',
      }),
    ]);
  });

  it('does not take a charge with a different amount for the recorded one', async () => {
    const stubs = await start();
    const response = await fetch(`${stubs.url(upstream.port)}/v1/charges`, {
      method: 'POST',
      headers: chargeHeaders(),
      body: JSON.stringify({ ...charge(), amount: 0 }),
    });
    expect(response.status).toBe(UNEXPECTED_CALL_STATUS);
    expect(((await response.json()) as { difference: string }).difference).toBe(
      'body $.amount: recorded 3600, got 0',
    );
  });

  it('reports the recorded calls never made when the stubs close', async () => {
    const stubs = await start();
    await (
      await fetch(`${stubs.url(upstream.port)}/v1/charges`, {
        method: 'POST',
        headers: chargeHeaders(),
        body: JSON.stringify(charge()),
      })
    ).text();
    await stubs.stubs.close();
    const notCalled = stubs.stubs.divergences().filter((d) => d.kind === 'not-called');
    // The refused origin never had a listener: whether the app tried it again is unknowable.
    expect(notCalled.map((d) => d.expected)).toEqual([
      'GET /v1/customers/42?expand=cards&limit=2',
      'GET /binary',
      'POST /v1/tokens',
      'GET /status',
      'GET /slow',
      'GET /reset',
    ]);
  });

  it('holds a recorded timeout until the client gives up, and releases it when the stubs close', async () => {
    const events = httpEvents(recording.pkg);
    const slow = events.filter((e) => e.url.endsWith('/slow'));
    const stubs = await start({}, withTimeline(recording.pkg, [...slow, { ...slow[0]!, seq: 99 }]));
    const url = `${stubs.url(upstream.port)}/slow`;
    const started = performance.now();
    await expect(fetch(url, { signal: AbortSignal.timeout(250) })).rejects.toMatchObject({
      name: 'TimeoutError',
    });
    expect(performance.now() - started).toBeGreaterThanOrEqual(240);

    const pending = httpGet(url).catch((error: unknown) => error);
    await waitForHeldRequest(stubs);
    await stubs.stubs.close();
    expect(await pending).toMatchObject({ code: 'ECONNRESET' });
  });

  it('resets the connection where the recording was reset, for fetch and node:http', async () => {
    const reset = httpEvents(recording.pkg).find((e) => e.url.endsWith('/reset'))!;
    const stubs = await start({}, withTimeline(recording.pkg, [reset, { ...reset, seq: 99 }]));
    expect(causeCode(await fetch(`${stubs.url(upstream.port)}/reset`).catch((e: unknown) => e))).toBe(
      'ECONNRESET',
    );
    await expect(httpGet(`${stubs.url(upstream.port)}/reset`)).rejects.toMatchObject({ code: 'ECONNRESET' });
  });

  it('sends the head and the part that arrived, then resets, where the recording broke off mid-body', async () => {
    const binary = httpEvents(recording.pkg).find((e) => e.url.endsWith('/binary'))!;
    const brokenOff = {
      ...binary,
      outcome: 'error' as const,
      error: { message: 'aborted', code: 'ECONNRESET' },
    };
    const stubs = await start({}, withTimeline(recording.pkg, [brokenOff]));
    let head: number | undefined;
    const error = await new Promise<unknown>((resolve) => {
      http
        .get(`${stubs.url(upstream.port)}/binary`, (response) => {
          head = response.statusCode;
          response.on('error', resolve);
          response.on('end', () => resolve(undefined));
          response.resume();
        })
        .on('error', resolve);
    });
    expect(head).toBe(200);
    expect(error).toMatchObject({ code: 'ECONNRESET' });
  });

  it('does not listen for an origin that only ever refused connections', async () => {
    const stubs = await start();
    const endpoint = stubs.stubs.endpoints.find((e) => e.recorded.port === refusedPort);
    expect(endpoint).toMatchObject({ kind: 'http', refusing: true });
    await expect(httpGet(`http://127.0.0.1:${endpoint?.listening.port}/v1/ping`)).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
  });

  it('binds recorded addresses and tells origins sharing a port apart by Host', async () => {
    const port = await freePort();
    const [declined, , , , unavailable] = httpEvents(recording.pkg);
    const pkg = withTimeline(recording.pkg, [
      { ...declined!, url: `http://payments.internal:${port}/v1/charges` },
      { ...unavailable!, url: `http://status.internal:${port}/status` },
    ]);
    const stubs = await start({ bind: 'recorded' }, pkg);
    expect(stubs.stubs.endpoints.map((e) => [e.recorded.host, e.listening, e.bound])).toEqual([
      ['payments.internal', { host: 'payments.internal', port }, { host: '127.0.0.1', port }],
      ['status.internal', { host: 'status.internal', port }, { host: '127.0.0.1', port }],
    ]);
    const status = await httpGet(`http://127.0.0.1:${port}/status`, {
      headers: { host: `status.internal:${port}` },
    });
    expect(status.status).toBe(503);
    const wrongHost = await httpGet(`http://127.0.0.1:${port}/status`, {
      headers: { host: `payments.internal:${port}` },
    });
    expect(wrongHost.status).toBe(UNEXPECTED_CALL_STATUS);
  });
});

/**
 * Waits until the stub has taken the pending request: then the recording has nothing left, which
 * an unexpected probe call's divergence says (no `expected` call at that point).
 */
async function waitForHeldRequest(stubs: Replay): Promise<void> {
  await waitFor(
    async () => {
      const probe = await fetch(`${stubs.url(upstream.port)}/probe`);
      await probe.text();
      return stubs.stubs.divergences().some((d) => d.asked === 'GET /probe' && d.expected === undefined);
    },
    { what: 'the held request to reach the stub', timeoutMs: 5_000 },
  );
}
