import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDatabase, waitFor } from '@flashback-dev/test-harness';
import { describe, expect, inject, it } from 'vitest';
import { buildApp } from '../../src/app/build-app.js';
import { createProject } from '../../src/app/project-admin.js';
import type { BuildAppOptions } from '../../src/config/server-options.js';
import { MemoryQueue } from '../../src/queue/memory-queue.js';
import type { ReproductionRequest, ReproductionWorker } from '../../src/queue/reproduction-worker.js';
import { getIssue, listIssues } from '../../src/storage/issue-store.js';
import { findProjectByName } from '../../src/storage/project-store.js';
import { listReproductions } from '../../src/storage/reproduction-store.js';
import { ingest } from '../api/test-app.js';
import { unexplainedPackage } from '../ingest/package-factory.js';

/** A worker that says what it is told and remembers what it was asked. */
function scriptedWorker(
  decide: (request: ReproductionRequest) => ReturnType<ReproductionWorker['reproduce']>,
) {
  const requests: ReproductionRequest[] = [];
  const worker: ReproductionWorker = {
    reproduce: (request) => {
      requests.push(request);
      return decide(request);
    },
  };
  return { worker, requests };
}

async function issueState(app: Awaited<ReturnType<typeof buildApp>>) {
  const { db } = app.flashbackStorage;
  const projectId = (await findProjectByName(db, 'checkout'))?.id ?? '';
  const { issues } = await listIssues(db, { projectId, sort: 'last_seen', limit: 10, offset: 0 });
  const issue = issues[0];
  if (!issue) return undefined;
  return {
    issue: await getIssue(db, projectId, issue.id),
    reproductions: await listReproductions(db, issue.id),
  };
}

describe.each([
  { name: 'SQLite (in-process queue)', database: async () => undefined },
  { name: 'PostgreSQL (pg-boss)', database: async () => createDatabase(inject('postgresUrl')) },
])('tier-3 reproductions on $name', ({ database }) => {
  const build = async (options: BuildAppOptions) => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'flashback-queue-'));
    const db = await database();
    const app = await buildApp({ dataDir, ...(db ? { database: db } : {}), ...options });
    return { app, cleanup: () => rmSync(dataDir, { recursive: true, force: true }) };
  };

  it('runs the worker for a new unexplained issue and stores the verdict', async () => {
    const { worker, requests } = scriptedWorker(async () => ({
      status: 'reproduced',
      verdict: { sameFingerprint: true },
      bundle: { runLog: ['threw InvariantErrorA'] },
    }));
    const { app, cleanup } = await build({ reproductionWorker: worker });
    try {
      const project = await createProject('checkout', { storage: app.flashbackStorage });
      const pkg = unexplainedPackage('a');
      expect((await ingest(app, project, [pkg])).statusCode).toBe(200);
      const state = await waitFor(
        async () => {
          const s = await issueState(app);
          return s?.reproductions[0]?.status === 'reproduced' && s;
        },
        { what: 'the reproduction verdict', timeoutMs: 15_000 },
      );
      expect(requests.map((r) => r.package.id)).toEqual([pkg.id]);
      expect(state.issue?.tier).toBe(3);
      expect(state.reproductions[0]).toMatchObject({ verdict: { sameFingerprint: true } });
    } finally {
      await app.close();
      cleanup();
    }
  });

  it('escalates to tier 4 with the reason when reproduction fails', async () => {
    const { worker } = scriptedWorker(async () => {
      throw new Error('no app spec for service checkout');
    });
    const { app, cleanup } = await build({ reproductionWorker: worker });
    try {
      const project = await createProject('checkout', { storage: app.flashbackStorage });
      await ingest(app, project, [unexplainedPackage('b')]);
      const state = await waitFor(
        async () => {
          const s = await issueState(app);
          return s?.issue?.tier === 4 && s;
        },
        { what: 'the escalation', timeoutMs: 15_000 },
      );
      expect(state.issue?.tierReason).toContain('no app spec for service checkout');
      expect(state.reproductions[0]).toMatchObject({
        status: 'failed',
        error: 'no app spec for service checkout',
      });
    } finally {
      await app.close();
      cleanup();
    }
  });
});

describe('in-process queue recovery', () => {
  it('queues again at start what a previous process left unfinished', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'flashback-recover-'));
    try {
      const first = await buildApp({ dataDir });
      const project = await createProject('checkout', { storage: first.flashbackStorage });
      await ingest(first, project, [unexplainedPackage('c')]);
      expect(first.flashbackQueue).toBeInstanceOf(MemoryQueue);
      expect((first.flashbackQueue as MemoryQueue).size).toBe(1);
      await first.close();

      const { worker, requests } = scriptedWorker(async () => ({ status: 'not_reproduced' }));
      const second = await buildApp({ dataDir, reproductionWorker: worker });
      try {
        await (second.flashbackQueue as MemoryQueue).idle();
        expect(requests).toHaveLength(1);
        const state = await issueState(second);
        expect(state?.issue?.tier).toBe(4);
        expect(state?.reproductions[0]?.status).toBe('not_reproduced');
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
