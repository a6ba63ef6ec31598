import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { validatePackage } from '@flashback/protocol';
import type { FastifyBaseLogger } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProject } from '../../src/app/project-admin.js';
import { parseDatabaseTarget } from '../../src/config/database-url.js';
import { IngestService } from '../../src/ingest/ingest-service.js';
import { triageBothWays } from '../../src/ingest/triage-contract.js';
import { MemoryQueue } from '../../src/queue/memory-queue.js';
import { type PreparedPackage, packageMeta } from '../../src/storage/ingest-records.js';
import { openStorage, type Storage } from '../../src/storage/open-storage.js';
import { countPackages } from '../../src/storage/package-store.js';
import { findProjectByName } from '../../src/storage/project-store.js';
import { triagePackage } from '../../src/triage/index.js';
import { explainedPackage } from './package-factory.js';

const silent = { error: () => {} } as unknown as FastifyBaseLogger;

function prepared(): PreparedPackage {
  const result = validatePackage(explainedPackage());
  if (!result.ok) throw new Error('the factory made an invalid package');
  const pkg = result.package;
  return { meta: packageMeta(pkg), body: JSON.stringify(pkg), triage: triageBothWays(triagePackage, pkg) };
}

describe('IngestService', () => {
  let dir: string;
  let storage: Storage;
  let projectId: string;
  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'flashback-ingest-'));
    storage = await openStorage(parseDatabaseTarget(undefined, dir));
    await createProject('checkout', { storage });
    projectId = (await findProjectByName(storage.db, 'checkout'))?.id ?? '';
  });
  afterEach(async () => {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('acknowledges only once the committed packages are flushed to disk', async () => {
    let flush: () => void = () => {};
    let flushRequested: () => void = () => {};
    const requested = new Promise<void>((resolve) => {
      flushRequested = resolve;
    });
    const slowDisk: Storage = {
      ...storage,
      sync: () => {
        flushRequested();
        return new Promise<void>((resolve) => {
          flush = resolve;
        });
      },
    };
    const service = new IngestService({
      storage: slowDisk,
      queue: new MemoryQueue(),
      log: silent,
    });
    let answered = false;
    const reply = service.ingest(projectId, [prepared()], []).then((r) => {
      answered = true;
      return r;
    });
    await requested;
    // Committed, not yet acknowledged.
    expect(await countPackages(storage.db)).toBe(1);
    expect(answered).toBe(false);
    flush();
    expect((await reply).accepted).toHaveLength(1);
  });

  it('reports a failed flush to every request of the group', async () => {
    const brokenDisk: Storage = { ...storage, sync: () => Promise.reject(new Error('EIO')) };
    const service = new IngestService({
      storage: brokenDisk,
      queue: new MemoryQueue(),
      log: silent,
    });
    const results = await Promise.allSettled([
      service.ingest(projectId, [prepared()], []),
      service.ingest(projectId, [prepared()], []),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(results.map((r) => (r.status === 'rejected' ? (r.reason as { code?: string }).code : ''))).toEqual(
      ['FB_ERR_STORAGE_UNAVAILABLE', 'FB_ERR_STORAGE_UNAVAILABLE'],
    );
  });
});
