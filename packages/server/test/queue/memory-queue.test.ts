import { describe, expect, it } from 'vitest';
import { MemoryQueue } from '../../src/queue/memory-queue.js';
import type { ReproductionJob } from '../../src/queue/reproduction-queue.js';

describe('MemoryQueue', () => {
  it('holds jobs until a worker starts, then runs them one at a time in order', async () => {
    const queue = new MemoryQueue();
    await queue.enqueueReproduction('issue-1', 'pkg-1');
    await queue.enqueueReproduction('issue-2', 'pkg-2');
    expect(queue.size).toBe(2);
    const seen: string[] = [];
    let running = 0;
    await queue.work(async (job) => {
      running++;
      expect(running).toBe(1);
      seen.push(job.packageId);
      await new Promise((resolve) => setImmediate(resolve));
      running--;
    });
    await queue.idle();
    expect(seen).toEqual(['pkg-1', 'pkg-2']);
  });

  it('runs a job queued twice under one id once', async () => {
    const queue = new MemoryQueue();
    const jobs: ReproductionJob[] = [];
    await queue.enqueueReproduction('issue', 'pkg', { jobId: 'same' });
    await queue.enqueueReproduction('issue', 'pkg', { jobId: 'same' });
    await queue.work(async (job) => {
      jobs.push(job);
    });
    await queue.idle();
    expect(jobs).toEqual([{ jobId: 'same', issueId: 'issue', packageId: 'pkg' }]);
  });

  it('keeps going after a job whose handler throws', async () => {
    const queue = new MemoryQueue();
    const done: string[] = [];
    await queue.work(async (job) => {
      if (job.packageId === 'bad') throw new Error('sandbox exploded');
      done.push(job.packageId);
    });
    await queue.enqueueReproduction('i', 'bad');
    await queue.enqueueReproduction('i', 'good');
    await queue.idle();
    expect(done).toEqual(['good']);
  });

  it('takes no new jobs once stopped', async () => {
    const queue = new MemoryQueue();
    await queue.stop();
    await queue.enqueueReproduction('i', 'p');
    expect(queue.size).toBe(0);
  });
});
