import { describe, expect, it } from 'vitest';
import { dsnFor, httpTransport, track } from './support/http-transport-fixture.js';
import { makePackage } from './support/make-package.js';
import { startStubCollector, unusedPort } from './support/stub-collector.js';
import { jsonFiles, tempDir } from './support/temp-dirs.js';
import { waitUntil } from './support/wait-until.js';

describe('HttpTransport delivery', () => {
  it('batches several packages into one gzip request carrying the key', async () => {
    const collector = track(await startStubCollector());
    const transport = httpTransport(collector.dsn, { spoolDir: tempDir('spool'), batchDelayMs: 50 });
    const packages = [makePackage(), makePackage(), makePackage()];
    for (const pkg of packages) transport.send(pkg);

    expect(await transport.flush(5000)).toBe(true);

    expect(collector.requests).toHaveLength(1);
    const [request] = collector.requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/api/checkout/packages');
    expect(request?.headers['x-flashback-key']).toBe('test-key');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['content-encoding']).toBe('gzip');
    expect(request?.packages).toEqual(packages);
    expect(transport.stats()).toMatchObject({ delivered: 3, queued: 0, spooled: 0 });
  });

  it('sends a batch at once when it reaches the package limit, without waiting the batch delay', async () => {
    const collector = track(await startStubCollector());
    const transport = httpTransport(collector.dsn, {
      spoolDir: tempDir('spool'),
      batchDelayMs: 60_000,
      maxBatchPackages: 2,
    });
    transport.send(makePackage());
    transport.send(makePackage());

    await waitUntil('the full batch at the collector', () => collector.receivedIds().length === 2);
    expect(collector.requests).toHaveLength(1);
  });

  it('splits a queue larger than one batch into several requests', async () => {
    const collector = track(await startStubCollector());
    const transport = httpTransport(collector.dsn, { spoolDir: tempDir('spool'), maxBatchPackages: 4 });
    for (let i = 0; i < 10; i++) transport.send(makePackage());

    expect(await transport.flush(5000)).toBe(true);
    expect(collector.requests.map((request) => request.packages?.length)).toEqual([4, 4, 2]);
  });

  it('retries 503s with growing backoff, then delivers', async () => {
    const collector = track(await startStubCollector());
    const acknowledge = collector.reply;
    collector.reply = (request) =>
      collector.requests.length <= 2 ? { status: 503, body: 'overloaded' } : acknowledge(request);
    const transport = httpTransport(collector.dsn, {
      spoolDir: tempDir('spool'),
      retryBaseMs: 40,
      maxAttempts: 5,
      random: () => 1, // no jitter: waits of exactly 40 then 80 ms
    });
    const pkg = makePackage();
    transport.send(pkg);

    expect(await transport.flush(5000)).toBe(true);

    const times = collector.requests.map((request) => request.at);
    expect(times).toHaveLength(3);
    const [first = 0, second = 0, third = 0] = times;
    expect(second - first).toBeGreaterThanOrEqual(38);
    expect(third - second).toBeGreaterThanOrEqual(78);
    expect(collector.requests[2]?.packages?.map((p) => p.id)).toEqual([pkg.id]);
    expect(transport.stats()).toMatchObject({ delivered: 1, spooled: 0, offline: false });
  });

  it('honours Retry-After on a 429', async () => {
    const collector = track(await startStubCollector());
    const acknowledge = collector.reply;
    collector.reply = (request) =>
      collector.requests.length === 1
        ? { status: 429, headers: { 'retry-after': '1' } }
        : acknowledge(request);
    const transport = httpTransport(collector.dsn, { spoolDir: tempDir('spool'), retryMaxMs: 5000 });
    transport.send(makePackage());

    expect(await transport.flush(5000)).toBe(true);
    const [first, second] = collector.requests;
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(990);
  });

  it('spools at once rather than hold memory when Retry-After is longer than the longest backoff', async () => {
    const collector = track(await startStubCollector());
    collector.reply = () => ({ status: 503, headers: { 'retry-after': '120' } });
    const spoolDir = tempDir('spool');
    const transport = httpTransport(collector.dsn, { spoolDir, maxAttempts: 5 });
    transport.send(makePackage());

    expect(await transport.flush(5000)).toBe(true);
    expect(collector.requests).toHaveLength(1);
    expect(jsonFiles(spoolDir)).toHaveLength(1);
    expect(transport.stats()).toMatchObject({ spooled: 1, offline: true });
  });

  it.each([401, 403, 400])('drops a batch answered %i without retrying or spooling it', async (status) => {
    const collector = track(await startStubCollector());
    collector.reply = () => ({ status, body: '{"error":"no"}' });
    const spoolDir = tempDir('spool');
    const transport = httpTransport(collector.dsn, { spoolDir, maxAttempts: 5 });
    transport.send(makePackage());
    transport.send(makePackage());

    expect(await transport.flush(5000)).toBe(true);
    expect(collector.requests).toHaveLength(1);
    expect(jsonFiles(spoolDir)).toEqual([]);
    expect(transport.stats().dropped.rejected).toBe(2);
    expect(transport.stats().delivered).toBe(0);
  });

  it('counts packages the collector answered 200 for but did not acknowledge as rejected', async () => {
    const collector = track(await startStubCollector());
    collector.reply = () => ({ status: 200, body: '{"accepted":[],"duplicates":[]}' });
    const transport = httpTransport(collector.dsn, { spoolDir: tempDir('spool') });
    transport.send(makePackage());

    expect(await transport.flush(5000)).toBe(true);
    expect(transport.stats()).toMatchObject({ delivered: 0, dropped: { rejected: 1 } });
  });
});

describe('HttpTransport bounds and failures', () => {
  it('keeps a flood of 10,000 packages within the queue bounds and counts the drops', async () => {
    const collector = track(await startStubCollector());
    const transport = httpTransport(collector.dsn, {
      spoolDir: tempDir('spool'),
      maxQueueLength: 100,
      maxQueueBytes: 256 * 1024,
    });
    let largestQueue = 0;
    let largestBytes = 0;
    for (let i = 0; i < 10_000; i++) {
      transport.send(makePackage());
      const { queued, queuedBytes } = transport.stats();
      largestQueue = Math.max(largestQueue, queued);
      largestBytes = Math.max(largestBytes, queuedBytes);
    }

    expect(largestQueue).toBe(100);
    expect(largestBytes).toBeLessThanOrEqual(256 * 1024);
    expect(transport.stats().dropped.queueFull).toBe(9_900);
    expect(await transport.flush(5000)).toBe(true);
    expect(new Set(collector.receivedIds()).size).toBe(100);
  });

  it('bounds the queue in bytes as well as in count', async () => {
    const port = await unusedPort();
    const transport = httpTransport(dsnFor(port), {
      spoolDir: tempDir('spool'),
      batchDelayMs: 60_000,
      maxQueueLength: 1000,
      maxQueueBytes: 50_000,
    });
    for (let i = 0; i < 100; i++) transport.send(makePackage({ padding: 10_000 }));

    const { queued, queuedBytes, dropped } = transport.stats();
    expect(queuedBytes).toBeLessThanOrEqual(50_000);
    expect(queued).toBe(4);
    expect(dropped.queueFull).toBe(96);
  });

  it('never throws into the caller when nothing listens, and spools what it could not deliver', async () => {
    const port = await unusedPort();
    const spoolDir = tempDir('spool');
    const transport = httpTransport(dsnFor(port), { spoolDir });

    expect(() => {
      for (let i = 0; i < 5; i++) transport.send(makePackage());
    }).not.toThrow();
    expect(await transport.flush(5000)).toBe(true);
    expect(jsonFiles(spoolDir)).toHaveLength(5);
    expect(transport.stats()).toMatchObject({ delivered: 0, spooled: 5, offline: true });
  });

  it('returns from flush at its timeout when the collector accepts but never answers', async () => {
    const collector = track(await startStubCollector());
    collector.reply = () => 'hang';
    const transport = httpTransport(collector.dsn, { spoolDir: tempDir('spool'), requestTimeoutMs: 30_000 });
    transport.send(makePackage());

    const started = performance.now();
    expect(await transport.flush(300)).toBe(false);
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(2000);
  });

  it('persists what is still in memory when closed before the collector answers', async () => {
    const collector = track(await startStubCollector());
    collector.reply = () => 'hang';
    const spoolDir = tempDir('spool');
    const transport = httpTransport(collector.dsn, { spoolDir, requestTimeoutMs: 30_000 });
    const pkg = makePackage();
    transport.send(pkg);
    await waitUntil('the request to reach the collector', () => collector.requests.length === 1);

    expect(await transport.close(200)).toBe(true);
    expect(jsonFiles(spoolDir).some((name) => name.endsWith(`-${pkg.id}.json`))).toBe(true);
    transport.send(makePackage());
    expect(transport.stats().dropped.closed).toBe(1);
  });

  it('drops a package whose id could not be a file name, without throwing', async () => {
    const collector = track(await startStubCollector());
    const transport = httpTransport(collector.dsn, { spoolDir: tempDir('spool') });
    transport.send(makePackage({ id: '../../etc/passwd' }));

    expect(await transport.flush(1000)).toBe(true);
    expect(collector.requests).toHaveLength(0);
    expect(transport.stats().dropped.invalid).toBe(1);
  });
});
