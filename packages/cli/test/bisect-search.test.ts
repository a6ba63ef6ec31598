import { describe, expect, it } from 'vitest';
import { bisectCommits, type CommitState } from '../src/commands/bisect-search.js';

const commits = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8'];

/** A test where every commit from `firstBad` on is bad, except those listed as untestable. */
function history(firstBad: string, untestable: string[] = []) {
  const tested: string[] = [];
  const test = async (commit: string): Promise<CommitState> => {
    tested.push(commit);
    if (untestable.includes(commit)) return 'skip';
    return commits.indexOf(commit) >= commits.indexOf(firstBad) ? 'bad' : 'good';
  };
  return { test, tested };
}

describe('bisectCommits', () => {
  it.each(commits)('finds %s as the first bad commit in at most 3 tests', async (firstBad) => {
    const { test, tested } = history(firstBad);
    const result = await bisectCommits(commits, test);
    expect(result).toEqual({ firstBad, skipped: [] });
    expect(tested.length).toBeLessThanOrEqual(3);
  });

  it('tests around a commit that cannot be tested', async () => {
    const { test, tested } = history('c6', ['c4']);
    expect(await bisectCommits(commits, test)).toEqual({ firstBad: 'c6', skipped: [] });
    expect(tested).toContain('c4');
  });

  it('says which untestable commits may be the first bad one', async () => {
    const { test } = history('c5', ['c4', 'c5']);
    expect(await bisectCommits(commits, test)).toEqual({ firstBad: 'c6', skipped: ['c4', 'c5'] });
  });
});
