import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { validatePackage } from '@flashback/protocol';
import type { FastifyBaseLogger } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProject } from '../../src/app/project-admin.js';
import { parseDatabaseTarget } from '../../src/config/database-url.js';
import { IngestService } from '../../src/ingest/ingest-service.js';
import type { ValidPackage } from '../../src/ingest/parse-batch.js';
import { MemoryQueue } from '../../src/queue/memory-queue.js';
import { openStorage, type Storage } from '../../src/storage/open-storage.js';
import { countPackages } from '../../src/storage/package-store.js';
import { findProjectByName } from '../../src/storage/project-store.js';
import { triagePackage } from '../../src/triage/index.js';
import { explainedPackage } from './package-factory.js';

const silent = { error: () => {} } as unknown as FastifyBaseLogger;

function valid(): ValidPackage {
  const result = validatePackage(explainedPackage());
  if (!result.ok) throw new Error('the factory made an invalid package');
  return { index: 0, pkg: result.package, body: JSON.stringify(result.package) };
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
      triage: triagePackage,
      queue: new MemoryQueue(),
      log: silent,
    });
    let answered = false;
    const reply = service.ingest(projectId, [valid()], []).then((r) => {
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
      triage: triagePackage,
      queue: new MemoryQueue(),
      log: silent,
    });
    const results = await Promise.allSettled([
      service.ingest(projectId, [valid()], []),
      service.ingest(projectId, [valid()], []),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(results.map((r) => (r.status === 'rejected' ? (r.reason as { code?: string }).code : ''))).toEqual(
      ['FB_ERR_STORAGE_UNAVAILABLE', 'FB_ERR_STORAGE_UNAVAILABLE'],
    );
  });
});
