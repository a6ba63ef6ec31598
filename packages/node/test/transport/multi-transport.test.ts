import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { FileTransport } from '../../src/transport/file-transport.js';
import { MultiTransport } from '../../src/transport/multi-transport.js';
import { httpTransport, track } from './support/http-transport-fixture.js';
import { makePackage } from './support/make-package.js';
import { startStubCollector } from './support/stub-collector.js';
import { tempDir } from './support/temp-dirs.js';

it('hands each package to the file output and the collector', async () => {
  const collector = track(await startStubCollector());
  const outputDir = tempDir('out');
  const transport = new MultiTransport([
    new FileTransport(outputDir),
    httpTransport(collector.dsn, { spoolDir: tempDir('spool') }),
  ]);
  const pkg = makePackage();
  transport.send(pkg);

  expect(await transport.flush(5000)).toBe(true);
  expect(JSON.parse(readFileSync(join(outputDir, `${pkg.id}.json`), 'utf8'))).toEqual(pkg);
  expect(collector.receivedIds()).toEqual([pkg.id]);
});

it('reports a flush as incomplete when any of its transports is', async () => {
  const collector = track(await startStubCollector());
  collector.reply = () => 'hang';
  const transport = new MultiTransport([
    new FileTransport(tempDir('out')),
    httpTransport(collector.dsn, { spoolDir: tempDir('spool'), requestTimeoutMs: 30_000 }),
  ]);
  transport.send(makePackage());

  expect(await transport.flush(200)).toBe(false);
});
