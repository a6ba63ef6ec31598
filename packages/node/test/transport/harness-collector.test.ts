import { type StubCollector, startStubCollector } from '@flashback-dev/test-harness';
import { afterEach, describe, expect, it } from 'vitest';
import { httpTransport } from './support/http-transport-fixture.js';
import { makePackage } from './support/make-package.js';
import { jsonFiles, tempDir } from './support/temp-dirs.js';
import { waitUntil } from './support/wait-until.js';

// The shared test-harness collector is a second, independent implementation of the ingest
// contract; these tests check that the transport and it agree.
const collectors: StubCollector[] = [];

afterEach(async () => {
  await Promise.all(collectors.splice(0).map((collector) => collector.stop()));
});

async function harnessCollector(): Promise<StubCollector> {
  const collector = await startStubCollector();
  collectors.push(collector);
  return collector;
}

describe('HttpTransport against the test-harness collector', () => {
  it('delivers a gzip batch that the collector accepts', async () => {
    const collector = await harnessCollector();
    const transport = httpTransport(collector.dsn, { spoolDir: tempDir('spool') });
    const packages = [makePackage(), makePackage()];
    for (const pkg of packages) transport.send(pkg);

    expect(await transport.flush(5000)).toBe(true);
    expect(collector.packages()).toEqual(packages);
    expect(collector.requests()).toMatchObject([
      { gzip: true, key: collector.key, packageCount: 2, status: 200 },
    ]);
    expect(transport.stats().delivered).toBe(2);
  });

  it('retries through 503s to delivery', async () => {
    const collector = await harnessCollector();
    collector.failNext(2, 503);
    const transport = httpTransport(collector.dsn, { spoolDir: tempDir('spool'), maxAttempts: 5 });
    transport.send(makePackage());

    expect(await transport.flush(5000)).toBe(true);
    expect(collector.requests().map((request) => request.status)).toEqual([503, 503, 200]);
  });

  it('does not retry a key the collector refuses', async () => {
    const collector = await harnessCollector();
    const wrongKey = collector.dsn.replace(`//${collector.key}@`, '//not-the-key@');
    const transport = httpTransport(wrongKey, { spoolDir: tempDir('spool'), maxAttempts: 5 });
    transport.send(makePackage());

    expect(await transport.flush(5000)).toBe(true);
    expect(collector.requests().map((request) => request.status)).toEqual([403]);
    expect(transport.stats().dropped.rejected).toBe(1);
  });

  it('spools while the collector is stopped and delivers after it restarts', async () => {
    const collector = await harnessCollector();
    await collector.stop();
    const spoolDir = tempDir('spool');
    const transport = httpTransport(collector.dsn, { spoolDir });
    const pkg = makePackage();
    transport.send(pkg);
    expect(await transport.flush(5000)).toBe(true);
    expect(jsonFiles(spoolDir)).toHaveLength(1);

    await collector.restart();
    await waitUntil('the spool to be delivered and emptied', () => jsonFiles(spoolDir).length === 0);
    expect(collector.packages().map((each) => each.id)).toEqual([pkg.id]);
  });
});
