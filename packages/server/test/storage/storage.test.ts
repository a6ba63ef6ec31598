import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ErrorPackage } from '@flashback/protocol';
import { createDatabase } from '@flashback-dev/test-harness';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createProject } from '../../src/app/project-admin.js';
import { type DatabaseTarget, parseDatabaseTarget } from '../../src/config/database-url.js';
import { triageBothWays } from '../../src/ingest/triage-contract.js';
import { type IngestBatch, packageMeta } from '../../src/storage/ingest-records.js';
import { storeIngestBatches } from '../../src/storage/ingest-store.js';
import { getIssue, listIssues } from '../../src/storage/issue-store.js';
import { openStorage, type Storage } from '../../src/storage/open-storage.js';
import { countPackages, getPackage, listIssuePackages } from '../../src/storage/package-store.js';
import { findProjectById, findProjectByName, findTokenByHash } from '../../src/storage/project-store.js';
import {
  finishReproduction,
  listReproductions,
  listUnfinishedReproductions,
  markReproductionRunning,
} from '../../src/storage/reproduction-store.js';
import { hashSecret } from '../../src/storage/secret-hash.js';
import { addWebhook, listWebhooks, removeWebhook } from '../../src/storage/webhook-store.js';
import { triagePackage } from '../../src/triage/index.js';
import { explainedPackage, occurrences, unexplainedPackage } from '../ingest/package-factory.js';

/** Prepares packages the way ingest does: metadata, the JSON, triage both ways. */
function batch(projectId: string, packages: ErrorPackage[]): IngestBatch {
  return {
    projectId,
    packages: packages.map((pkg) => ({
      meta: packageMeta(pkg),
      body: JSON.stringify(pkg),
      triage: triageBothWays(triagePackage, pkg),
    })),
  };
}

const dialects: { name: string; target: () => Promise<{ target: DatabaseTarget; cleanup: () => void }> }[] = [
  {
    name: 'SQLite',
    target: async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'flashback-storage-'));
      return {
        target: parseDatabaseTarget(undefined, dir),
        cleanup: () => rmSync(dir, { recursive: true, force: true }),
      };
    },
  },
  {
    name: 'PostgreSQL',
    target: async () => ({
      target: parseDatabaseTarget(await createDatabase(inject('postgresUrl')), '.'),
      cleanup: () => {},
    }),
  },
];

describe.each(dialects)('storage on $name', ({ target: makeTarget }) => {
  let storage: Storage;
  let cleanup: () => void;
  let projectId: string;

  beforeAll(async () => {
    const made = await makeTarget();
    cleanup = made.cleanup;
    storage = await openStorage(made.target);
    await createProject('checkout', { storage });
    projectId = (await findProjectByName(storage.db, 'checkout'))?.id ?? '';
  });
  afterAll(async () => {
    await storage.close();
    cleanup();
  });

  it('migrates once: opening the same database again changes nothing', async () => {
    const again = await openStorage(storage.target);
    expect(await findProjectByName(again.db, 'checkout')).toBeDefined();
    await again.close();
  });

  it('finds a project by id without its key hash, and nothing for an unknown id', async () => {
    expect(await findProjectById(storage.db, projectId)).toEqual({
      id: projectId,
      name: 'checkout',
      createdAt: expect.any(String),
    });
    expect(await findProjectById(storage.db, 'no-such-project')).toBeUndefined();
  });

  it('keeps only hashes of project secrets', async () => {
    const created = await createProject('secrets', { storage });
    const project = await findProjectByName(storage.db, 'secrets');
    expect(project?.ingestKeyHash).toBe(hashSecret(created.ingestKey));
    expect(await findTokenByHash(storage.db, hashSecret(created.readToken))).toMatchObject({
      projectId: project?.id,
    });
    const rows = await storage.db.selectFrom('projects').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(created.ingestKey);
  });

  it('stores packages once, groups them into issues, and reports duplicates', async () => {
    const packages = occurrences(3);
    const [first] = await storeIngestBatches(storage.db, [batch(projectId, packages)]);
    expect(first?.accepted).toEqual(packages.map((p) => p.id));
    expect(first?.createdFingerprints).toHaveLength(1);

    const again = occurrences(1);
    const [second] = await storeIngestBatches(storage.db, [
      batch(projectId, [packages[0] as ErrorPackage, ...again]),
    ]);
    expect(second).toMatchObject({
      accepted: [again[0]?.id],
      duplicates: [packages[0]?.id],
      createdFingerprints: [],
    });

    const { issues, total } = await listIssues(storage.db, {
      projectId,
      sort: 'last_seen',
      limit: 10,
      offset: 0,
    });
    expect(total).toBe(1);
    expect(issues[0]).toMatchObject({ count: 4, tier: 2, status: 'open' });
    expect(await countPackages(storage.db, projectId)).toBe(4);
  });

  it('writes several requests in one transaction and answers each', async () => {
    const a = occurrences(2, () => unexplainedPackage('x'));
    const b = occurrences(2, () => unexplainedPackage('x'));
    const results = await storeIngestBatches(storage.db, [batch(projectId, a), batch(projectId, b)]);
    expect(results.map((r) => r.accepted.length)).toEqual([2, 2]);
    // Both requests carry a founder's triage; only the first founds the issue and queues a reproduction.
    expect(results.map((r) => r.reproductions.length)).toEqual([1, 0]);
    const issueId = results[0]?.reproductions[0]?.issueId ?? '';
    const issue = await getIssue(storage.db, projectId, issueId);
    expect(issue).toMatchObject({ count: 4, tier: 3, reproductionStatus: 'queued' });
    const tiers = (await listIssuePackages(storage.db, issueId, 10)).map((p) => p.tier).sort();
    expect(tiers).toEqual([1, 1, 1, 3]);
  });

  it('decides between founder and tier 1 when the rows are written, not when triaged', async () => {
    // Both prepared while the issue does not exist yet; whichever commits first founds it.
    const first = batch(projectId, [unexplainedPackage('race')]);
    const second = batch(projectId, [unexplainedPackage('race')]);
    const [later] = await storeIngestBatches(storage.db, [second]);
    const [earlier] = await storeIngestBatches(storage.db, [first]);
    expect(later?.reproductions).toHaveLength(1);
    expect(earlier?.reproductions).toEqual([]);
    const founder = await getPackage(storage.db, projectId, second.packages[0]?.meta.id ?? '');
    const counted = await getPackage(storage.db, projectId, first.packages[0]?.meta.id ?? '');
    expect([founder?.triage?.tier, counted?.triage?.tier]).toEqual([3, 1]);
    expect((await getIssue(storage.db, projectId, founder?.issueId ?? ''))?.tier).toBe(3);
  });

  it('records reproductions through their life', async () => {
    const pkg = unexplainedPackage('life');
    const [result] = await storeIngestBatches(storage.db, [batch(projectId, [pkg])]);
    const job = result?.reproductions[0];
    if (!job) throw new Error('expected a queued reproduction');
    expect(await listUnfinishedReproductions(storage.db)).toContainEqual(job);
    expect(await markReproductionRunning(storage.db, job.reproductionId)).toBe(true);
    await finishReproduction(storage.db, job.reproductionId, {
      status: 'reproduced',
      verdict: { fingerprintMatched: true },
      bundle: { log: ['started', 'threw'] },
    });
    expect(await markReproductionRunning(storage.db, job.reproductionId)).toBe(false);
    const [stored] = await listReproductions(storage.db, job.issueId);
    expect(stored).toMatchObject({
      status: 'reproduced',
      verdict: { fingerprintMatched: true },
      bundle: { log: ['started', 'threw'] },
    });
    expect(await listUnfinishedReproductions(storage.db)).not.toContainEqual(job);
  });

  it('stores webhook configuration', async () => {
    const hook = await addWebhook(storage.db, {
      projectId,
      url: 'https://hooks.example/flashback',
      events: ['issue.escalated'],
    });
    expect(await listWebhooks(storage.db, projectId, 'issue.escalated')).toEqual([hook]);
    expect(await listWebhooks(storage.db, projectId, 'issue.created')).toEqual([]);
    expect(await removeWebhook(storage.db, hook.id)).toBe(true);
  });

  it('searches titles case-insensitively and treats % and _ literally', async () => {
    const search = (text: string) =>
      listIssues(storage.db, { projectId, text, sort: 'last_seen', limit: 10, offset: 0 });
    expect((await search('GATEWAYERROR')).total).toBe(1);
    expect((await search('amount_too_small')).total).toBe(1);
    // As wildcards these would match "amount" and everything.
    expect((await search('a_ount')).total).toBe(0);
    expect((await search('%')).total).toBe(0);
  });

  it('keeps package JSON byte for byte as validated', async () => {
    const pkg = explainedPackage();
    await storeIngestBatches(storage.db, [batch(projectId, [pkg])]);
    expect((await getPackage(storage.db, projectId, pkg.id))?.package).toEqual(
      JSON.parse(JSON.stringify(pkg)),
    );
  });
});

describe('storage on PostgreSQL with concurrent collectors', () => {
  it('counts every package once when two collectors store overlapping batches at once', async () => {
    const url = await createDatabase(inject('postgresUrl'));
    const target = parseDatabaseTarget(url, '.');
    const [one, two] = await Promise.all([openStorage(target), openStorage(target)]);
    if (!one || !two) throw new Error('unreachable');
    try {
      await createProject('checkout', { storage: one });
      const projectId = (await findProjectByName(one.db, 'checkout'))?.id ?? '';
      const shared = occurrences(20);
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          storeIngestBatches((i % 2 ? one : two).db, [batch(projectId, [...shared].reverse().slice(i))]),
        ),
      );
      const accepted = results.flatMap((r) => r.flatMap((b) => b.accepted));
      expect(new Set(accepted).size).toBe(accepted.length);
      expect(accepted.sort()).toEqual(shared.map((p) => p.id).sort());
      const { issues } = await listIssues(one.db, { projectId, sort: 'count', limit: 10, offset: 0 });
      expect(issues.map((i) => i.count)).toEqual([20]);
      expect(results.flatMap((r) => r.flatMap((b) => b.createdFingerprints))).toHaveLength(1);
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });
});
