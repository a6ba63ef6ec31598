import { describe, expect, it } from 'vitest';
import { GroupCommit } from '../../src/ingest/group-commit.js';

describe('GroupCommit', () => {
  it('writes items submitted together in one write and answers each with its own result', async () => {
    const writes: number[][] = [];
    const commit = new GroupCommit<number, string>(async (items) => {
      writes.push(items);
      return items.map((n) => `stored ${n}`);
    });
    const answers = await Promise.all([1, 2, 3].map((n) => commit.submit(n)));
    expect(answers).toEqual(['stored 1', 'stored 2', 'stored 3']);
    expect(writes).toEqual([[1, 2, 3]]);
  });

  it('collects what arrives during a write into the next one', async () => {
    const writes: number[][] = [];
    let release: () => void = () => {};
    let started: () => void = () => {};
    const blocked = new Promise<void>((resolve) => {
      release = resolve;
    });
    const firstStarted = new Promise<void>((resolve) => {
      started = resolve;
    });
    const commit = new GroupCommit<number, number>(async (items) => {
      writes.push(items);
      if (writes.length === 1) {
        started();
        await blocked;
      }
      return items;
    });
    const first = commit.submit(1);
    await firstStarted;
    const later = [commit.submit(2), commit.submit(3)];
    release();
    await Promise.all([first, ...later]);
    expect(writes).toEqual([[1], [2, 3]]);
  });

  it('fails every caller of a failed write, and only them', async () => {
    let calls = 0;
    const commit = new GroupCommit<number, number>(async (items) => {
      calls++;
      if (calls === 1) throw new Error('disk full');
      return items;
    });
    const failed = await Promise.allSettled([commit.submit(1), commit.submit(2)]);
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    await expect(commit.submit(3)).resolves.toBe(3);
  });

  it('splits by weight', async () => {
    const writes: number[][] = [];
    const commit = new GroupCommit<number, number>(
      async (items) => {
        writes.push(items);
        return items;
      },
      { weight: (n) => n, maxWeight: 10 },
    );
    await Promise.all([6, 3, 4, 20].map((n) => commit.submit(n)));
    expect(writes).toEqual([[6, 3], [4], [20]]);
  });
});
