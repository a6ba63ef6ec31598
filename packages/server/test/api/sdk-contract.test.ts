import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The SDK's own transport, as a service would run it: the contract is proven from both ends.
import { HttpTransport } from '../../../node/src/transport/http-transport.js';
import { ingestEndpoint } from '../../../node/src/transport/ingest-endpoint.js';
import { type CreatedProject, createProject } from '../../src/app/project-admin.js';
import { type RunningServer, startServer } from '../../src/start.js';
import { countPackages } from '../../src/storage/package-store.js';
import { explainedPackage, occurrences } from '../ingest/package-factory.js';

describe('the SDK transport against the real collector over HTTP', () => {
  let dir: string;
  let server: RunningServer;
  let project: CreatedProject;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'flashback-contract-'));
    server = await startServer({ port: 0, dataDir: path.join(dir, 'data') });
    project = await createProject('checkout', {
      storage: server.app.flashbackStorage,
      publicUrl: server.url,
    });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const transport = (dsn: string) => {
    const endpoint = ingestEndpoint(new URL(dsn));
    if (!endpoint) throw new Error(`the SDK refused the DSN ${dsn}`);
    return new HttpTransport(endpoint, { spoolDir: mkdtempSync(path.join(dir, 'spool-')), batchDelayMs: 5 });
  };

  it('listens on 127.0.0.1 and hands out a DSN the SDK accepts', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(project.dsn).toBe(`http://${project.ingestKey}@${new URL(server.url).host}/checkout`);
  });

  it('delivers gzip batches, each package stored once even when the SDK sends it again', async () => {
    const sdk = transport(project.dsn);
    const packages = occurrences(5);
    for (const pkg of packages) sdk.send(pkg);
    expect(await sdk.flush(10_000)).toBe(true);
    // A retry after a lost answer: the collector acknowledges it as a duplicate.
    sdk.send(packages[0] ?? explainedPackage());
    expect(await sdk.flush(10_000)).toBe(true);
    expect(sdk.stats()).toMatchObject({ delivered: 6, spooled: 0 });
    expect(await countPackages(server.app.flashbackStorage.db)).toBe(5);
    await sdk.close(1_000);
  });

  it('is refused, not retried, with a wrong key', async () => {
    const sdk = transport(project.dsn.replace(project.ingestKey, 'fbk_wrong'));
    sdk.send(explainedPackage());
    await sdk.flush(10_000);
    const stats = sdk.stats();
    expect(stats.delivered).toBe(0);
    expect(stats.dropped.rejected).toBe(1);
    await sdk.close(1_000);
  });
});
