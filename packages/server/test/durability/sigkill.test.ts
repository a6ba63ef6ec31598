import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ErrorPackage } from '@flashback/protocol';
import { freePort, type ManagedProcess, spawnManaged, waitFor } from '@flashback-dev/test-harness';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProject } from '../../src/app/project-admin.js';
import { parseDatabaseTarget } from '../../src/config/database-url.js';
import { openStorage } from '../../src/storage/open-storage.js';
import { explainedPackage, unexplainedPackage } from '../ingest/package-factory.js';
import { LoadClient } from './load-client.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const childScript = path.join(here, 'collector-process.mjs');
const builtServer = path.join(here, '../../dist/index.js');

const SENDERS = 6;
const KILLS = 4;
/** Acknowledged packages between kills, so every kill lands in the middle of the load. */
const ACKS_PER_LIFE = 200;

describe('durability: SIGKILL under load', () => {
  let dataDir: string;
  let port: number;
  let collector: ManagedProcess | undefined;
  let up = false;

  async function startCollector(): Promise<void> {
    const child = spawnManaged(process.execPath, [childScript], {
      env: { ...process.env, PORT: String(port), DATA_DIR: dataDir },
    });
    collector = child;
    await waitFor(
      () => {
        if (child.exitInfo()) throw new Error(`the collector exited: ${child.stderr()}`);
        return child.stdout().includes('listening');
      },
      { what: 'the collector to listen', timeoutMs: 20_000 },
    );
    up = true;
  }

  beforeAll(async () => {
    if (!existsSync(builtServer)) throw new Error('build the server first: npx tsc -b packages/server');
    dataDir = mkdtempSync(path.join(tmpdir(), 'flashback-durability-'));
    port = await freePort();
  });
  afterAll(async () => {
    await collector?.stop('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged package exactly once across kills and restarts', async () => {
    const project = await createProject('checkout', { dataDir });
    await startCollector();

    const client = new LoadClient(port, project.name, project.ingestKey);
    const sent = new Map<string, ErrorPackage>();
    const acknowledged = new Set<string>();
    /** Packages whose request failed: sent again, as the SDK would, once the collector is back. */
    const retry: ErrorPackage[] = [];
    let failedRequests = 0;
    const duplicateIds = new Set<string>();
    const retriedIds = new Set<string>();
    let producing = true;
    let serial = 0;

    const nextBatch = (): ErrorPackage[] => {
      if (retry.length > 0) return retry.splice(0, 8);
      if (!producing) return [];
      return Array.from({ length: 1 + (serial % 5) }, () => {
        serial++;
        // A handful of fingerprints, so issues are created and counted up while the kills happen.
        const pkg =
          serial % 3 === 0 ? unexplainedPackage(String.fromCharCode(97 + (serial % 4))) : explainedPackage();
        sent.set(pkg.id, pkg);
        return pkg;
      });
    };

    const sender = async (): Promise<void> => {
      for (;;) {
        if (!up) {
          await waitFor(() => up, { what: 'the collector to come back', timeoutMs: 30_000 });
        }
        const batch = nextBatch();
        if (batch.length === 0) return;
        try {
          const { status, body } = await client.post(batch);
          if (status !== 200) throw new Error(`unexpected status ${status}: ${JSON.stringify(body)}`);
          for (const id of body.accepted ?? []) acknowledged.add(id);
          for (const id of body.duplicates ?? []) acknowledged.add(id);
          for (const id of body.duplicates ?? []) duplicateIds.add(id);
        } catch (error) {
          if (/unexpected status/.test(String(error))) throw error;
          failedRequests++;
          for (const pkg of batch) retriedIds.add(pkg.id);
          retry.push(...batch);
        }
      }
    };

    const senders = Array.from({ length: SENDERS }, () => sender());
    for (let kill = 1; kill <= KILLS; kill++) {
      const target = acknowledged.size + ACKS_PER_LIFE;
      await waitFor(() => acknowledged.size >= target, {
        what: `${target} acknowledged packages`,
        timeoutMs: 30_000,
      });
      up = false;
      await collector?.stop('SIGKILL');
      await startCollector();
    }
    const target = acknowledged.size + ACKS_PER_LIFE;
    await waitFor(() => acknowledged.size >= target, {
      what: 'load after the last restart',
      timeoutMs: 30_000,
    });
    producing = false;
    await Promise.all(senders);
    client.close();
    await collector?.stop('SIGTERM');

    // The load really was interrupted: requests died with the collector and were sent again.
    expect(failedRequests).toBeGreaterThan(0);
    expect(acknowledged.size).toBe(sent.size);
    // Only a package sent again (its first answer lost with the collector) can be a duplicate.
    expect([...duplicateIds].filter((id) => !retriedIds.has(id))).toEqual([]);

    const storage = await openStorage(parseDatabaseTarget(undefined, dataDir));
    try {
      const { db } = storage;
      const rows = await db.selectFrom('packages').select('id').execute();
      const stored = rows.map((r) => r.id);
      expect(stored.length).toBe(new Set(stored).size);
      const missing = [...acknowledged].filter((id) => !stored.includes(id));
      expect(missing).toEqual([]);
      expect(stored.length).toBe(acknowledged.size);
      // Counted once each: issue counts add up to the rows, and every row has one triage result.
      const counted = await db
        .selectFrom('issues')
        .select(sql<number>`cast(sum(count) as integer)`.as('total'))
        .executeTakeFirstOrThrow();
      expect(Number(counted.total)).toBe(stored.length);
      const triaged = await db.selectFrom('triage_results').select('package_id').execute();
      expect(triaged.length).toBe(stored.length);
      // Tier-3 issues created by this load each have their one reproduction row.
      const tier3 = await db.selectFrom('issues').select('id').where('tier', '=', 3).execute();
      const reproductions = await db.selectFrom('reproductions').select('issue_id').execute();
      expect(reproductions.map((r) => r.issue_id).sort()).toEqual(tier3.map((i) => i.id).sort());
    } finally {
      await storage.close();
    }
  }, 60_000);
});
