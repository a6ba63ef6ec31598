import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dsnFor, httpTransport, track } from './support/http-transport-fixture.js';
import { makePackage } from './support/make-package.js';
import { startStubCollector, unusedPort } from './support/stub-collector.js';
import { jsonFiles, tempDir } from './support/temp-dirs.js';
import { waitUntil } from './support/wait-until.js';

function countOf(ids: string[], id: string): number {
  return ids.filter((each) => each === id).length;
}

describe('HttpTransport spool', () => {
  it('spools while the collector is down and delivers, emptying the spool, once it is back', async () => {
    const port = await unusedPort();
    const spoolDir = tempDir('spool');
    const transport = httpTransport(dsnFor(port), { spoolDir });
    const packages = [makePackage(), makePackage(), makePackage()];
    for (const pkg of packages) transport.send(pkg);

    expect(await transport.flush(5000)).toBe(true);
    expect(jsonFiles(spoolDir)).toHaveLength(3);
    expect(transport.stats().offline).toBe(true);
    // Spooled files hold the packages themselves.
    const spooled = jsonFiles(spoolDir).map((name) => JSON.parse(readFileSync(join(spoolDir, name), 'utf8')));
    expect(spooled.map((pkg) => pkg.id).sort()).toEqual(packages.map((pkg) => pkg.id).sort());

    const collector = track(await startStubCollector({ port }));
    await waitUntil('the spool to be delivered and emptied', () => jsonFiles(spoolDir).length === 0);

    expect(collector.receivedIds().sort()).toEqual(packages.map((pkg) => pkg.id).sort());
    expect(transport.stats()).toMatchObject({ delivered: 3, offline: false });
  });

  it('sends new packages straight to the spool while offline, without a request each', async () => {
    const collector = track(await startStubCollector());
    collector.reply = () => ({ status: 503 });
    const spoolDir = tempDir('spool');
    // One attempt per batch, and the next probe a minute away.
    const transport = httpTransport(collector.dsn, {
      spoolDir,
      maxAttempts: 1,
      retryBaseMs: 60_000,
      retryMaxMs: 60_000,
    });
    transport.send(makePackage());
    expect(await transport.flush(5000)).toBe(true);
    expect(transport.stats().offline).toBe(true);

    transport.send(makePackage());
    transport.send(makePackage());
    expect(await transport.flush(5000)).toBe(true);

    expect(collector.requests).toHaveLength(1);
    expect(jsonFiles(spoolDir)).toHaveLength(3);
  });

  it('delivers on start-up what an earlier instance spooled (a restart)', async () => {
    const port = await unusedPort();
    const spoolDir = tempDir('spool');
    const before = httpTransport(dsnFor(port), { spoolDir });
    const packages = [makePackage(), makePackage()];
    for (const pkg of packages) before.send(pkg);
    expect(await before.close(5000)).toBe(true);
    expect(jsonFiles(spoolDir)).toHaveLength(2);

    const collector = track(await startStubCollector({ port }));
    httpTransport(collector.dsn, { spoolDir });

    await waitUntil('the spool to be delivered and emptied', () => jsonFiles(spoolDir).length === 0);
    expect(collector.receivedIds().sort()).toEqual(packages.map((pkg) => pkg.id).sort());
  });

  it('never delivers a package twice when it is both in memory and spooled', async () => {
    const collector = track(await startStubCollector());
    const spoolDir = tempDir('spool');
    const transport = httpTransport(collector.dsn, { spoolDir, batchDelayMs: 50 });
    const queued = makePackage();
    const fatal = makePackage();
    transport.send(queued);
    // The dying-process path spools both the fatal package and the one still queued.
    transport.sendSync(fatal);
    expect(jsonFiles(spoolDir)).toHaveLength(2);

    await waitUntil('both packages delivered and the spool emptied', () => {
      const ids = collector.receivedIds();
      return ids.includes(queued.id) && ids.includes(fatal.id) && jsonFiles(spoolDir).length === 0;
    });
    expect(await transport.flush(2000)).toBe(true);
    const ids = collector.receivedIds();
    expect(countOf(ids, queued.id)).toBe(1);
    expect(countOf(ids, fatal.id)).toBe(1);
  });

  it('stops spooling at its bound and counts what it could not keep', async () => {
    const port = await unusedPort();
    const spoolDir = tempDir('spool');
    const transport = httpTransport(dsnFor(port), { spoolDir, maxSpoolFiles: 3 });
    for (let i = 0; i < 5; i++) transport.send(makePackage());

    expect(await transport.flush(5000)).toBe(true);
    expect(jsonFiles(spoolDir)).toHaveLength(3);
    expect(transport.stats()).toMatchObject({ spooled: 3, dropped: { spoolFull: 2 } });
  });

  it('keeps spooled packages when the collector refuses the key', async () => {
    const collector = track(await startStubCollector());
    collector.reply = () => ({ status: 401, body: '{"error":"bad key"}' });
    const spoolDir = tempDir('spool');
    mkdirSync(spoolDir, { recursive: true });
    const spooled = makePackage();
    const name = `0000000000001-${spooled.id}.json`;
    writeFileSync(join(spoolDir, name), JSON.stringify(spooled));

    const transport = httpTransport(collector.dsn, { spoolDir });
    await waitUntil('the start-up delivery attempt', () => collector.requests.length === 1);
    const fresh = makePackage();
    transport.send(fresh);

    // The refused fresh package is dropped; the spooled one survives the refusal to be offered again.
    await waitUntil('a second attempt at the spool', () => collector.requests.length === 3);
    const offered = collector.requests.map((request) => request.packages?.map((pkg) => pkg.id));
    expect(offered).toEqual([[spooled.id], [fresh.id], [spooled.id]]);
    expect(jsonFiles(spoolDir)).toEqual([name]);
    expect(transport.stats().dropped.rejected).toBe(1);
  });

  it('removes an unreadable spool file instead of retrying it forever', async () => {
    const collector = track(await startStubCollector());
    const spoolDir = tempDir('spool');
    mkdirSync(spoolDir, { recursive: true });
    const good = makePackage();
    writeFileSync(join(spoolDir, '0000000000001-broken.json'), '{"id": "broken", "trunc');
    writeFileSync(join(spoolDir, `0000000000002-${good.id}.json`), JSON.stringify(good));
    writeFileSync(join(spoolDir, 'unrelated.txt'), 'left alone');

    const transport = httpTransport(collector.dsn, { spoolDir });

    await waitUntil('the spool to be emptied', () => jsonFiles(spoolDir).length === 0);
    expect(collector.receivedIds()).toEqual([good.id]);
    expect(transport.stats().dropped.invalid).toBe(1);
    expect(readFileSync(join(spoolDir, 'unrelated.txt'), 'utf8')).toBe('left alone');
  });
});
