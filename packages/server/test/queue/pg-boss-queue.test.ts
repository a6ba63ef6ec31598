import { createDatabase, waitFor } from '@flashback-dev/test-harness';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { PgBossQueue } from '../../src/queue/pg-boss-queue.js';
import type { ReproductionJob } from '../../src/queue/reproduction-queue.js';

describe('PgBossQueue against a real PostgreSQL', () => {
  let url: string;
  beforeAll(async () => {
    url = await createDatabase(inject('postgresUrl'));
  });

  it('hands a job queued by one collector to a worker in another', async () => {
    const producer = await PgBossQueue.start(url);
    const consumer = await PgBossQueue.start(url, { pollingIntervalSeconds: 0.5 });
    const received: ReproductionJob[] = [];
    try {
      await consumer.work(async (job) => {
        received.push(job);
      });
      const jobId = await producer.enqueueReproduction('issue-1', 'package-1');
      await waitFor(() => received.length > 0, { what: 'the worker to pick up the job', timeoutMs: 10_000 });
      expect(received).toEqual([{ jobId, issueId: 'issue-1', packageId: 'package-1' }]);
    } finally {
      await Promise.all([producer.stop(), consumer.stop()]);
    }
  });

  it('queues a job with a known id once, however often it is sent', async () => {
    const queue = await PgBossQueue.start(url);
    const received: string[] = [];
    try {
      const jobId = '0d9a4f35-5f8e-4d3a-9c55-2a1f6f1d7b10';
      await queue.enqueueReproduction('issue-2', 'package-2', { jobId });
      await queue.enqueueReproduction('issue-2', 'package-2', { jobId });
      await queue.work(async (job) => {
        received.push(job.jobId);
      });
      await queue.enqueueReproduction('issue-3', 'package-3');
      await waitFor(() => received.length >= 2, { what: 'both jobs to run', timeoutMs: 10_000 });
      expect(received.filter((id) => id === jobId)).toHaveLength(1);
    } finally {
      await queue.stop();
    }
  });
});
