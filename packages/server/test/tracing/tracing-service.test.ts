import { afterEach, describe, expect, it } from 'vitest';
import { openStorage, type Storage } from '../../src/storage/open-storage.js';
import { insertProject } from '../../src/storage/project-store.js';
import { TracingService } from '../../src/tracing/tracing-service.js';

const snapshot = { kind: 'snapshot', service: 'checkout', file: 'src/orders.js', line: 42 };

let storage: Storage;
let tracing: TracingService;
afterEach(async () => {
  await tracing.close();
  await storage.close();
});

/** A service whose polls re-read the database only once a minute: only a notification wakes them sooner. */
async function setUp(): Promise<string> {
  storage = await openStorage({ dialect: 'sqlite', file: ':memory:' });
  tracing = new TracingService(storage, { recheckMs: 60_000 });
  const project = await insertProject(storage.db, { name: 'checkout', ingestKeyHash: 'x' });
  return project.id;
}

describe('TracingService long-polls', () => {
  it('are woken by a placement in this process, not by re-reading the database', async () => {
    const projectId = await setUp();
    const key = { projectId, service: 'checkout' };
    const { version } = await tracing.actionSet(key, undefined, 0);
    const poll = tracing.actionSet(key, version, 30_000);
    const placed = await tracing.place(projectId, snapshot);
    const set = await poll;
    expect(set.actions.map((a) => a.id)).toEqual([placed.id]);
  });

  it('are woken by a removal', async () => {
    const projectId = await setUp();
    const key = { projectId, service: 'checkout' };
    const placed = await tracing.place(projectId, snapshot);
    const { version } = await tracing.actionSet(key, undefined, 0);
    const poll = tracing.actionSet(key, version, 30_000);
    await tracing.remove(projectId, placed.id);
    expect((await poll).actions).toEqual([]);
  });

  it('all answer at once when the service closes', async () => {
    const projectId = await setUp();
    const key = { projectId, service: 'checkout' };
    const { version } = await tracing.actionSet(key, undefined, 0);
    const placed = await tracing.place(projectId, snapshot);
    const polls = [tracing.actionSet(key, version + 1, 30_000), tracing.hits(placed.id, 0, 30_000)];
    await tracing.close();
    const [set, hits] = await Promise.all(polls);
    expect(set).toMatchObject({ version: version + 1 });
    expect(hits).toEqual({ hits: [], next: 0 });
  });

  it('stop waiting when the client goes away', async () => {
    const projectId = await setUp();
    const key = { projectId, service: 'checkout' };
    const { version } = await tracing.actionSet(key, undefined, 0);
    const gone = new AbortController();
    const poll = tracing.actionSet(key, version, 30_000, gone.signal);
    gone.abort();
    expect((await poll).version).toBe(version);
  });
});
