/**
 * Binary search for the first bad commit, as `git bisect` does it: `commits` run oldest to newest
 * after the good one, the last is known bad. A commit that cannot be tested is skipped.
 */
export type CommitState = 'good' | 'bad' | 'skip';

export interface BisectResult {
  /** The first commit found bad. */
  firstBad: string;
  /** Commits between the last good one and `firstBad` that could not be tested: any may be the first bad. */
  skipped: string[];
}

export async function bisectCommits(
  commits: readonly string[],
  test: (commit: string) => Promise<CommitState>,
): Promise<BisectResult> {
  const states = new Map<string, CommitState>();
  // Indexes into `commits`: everything up to `good` is good, `bad` is bad.
  let good = -1;
  let bad = commits.length - 1;
  while (bad - good > 1) {
    const untested = range(good + 1, bad).filter((i) => !states.has(commits[i] as string));
    if (untested.length === 0) break;
    const middle = Math.floor((good + bad) / 2);
    // The middle one, else the untested one nearest to it.
    const pick = untested.reduce((best, i) => (Math.abs(i - middle) < Math.abs(best - middle) ? i : best));
    const commit = commits[pick] as string;
    const state = await test(commit);
    states.set(commit, state);
    if (state === 'good') good = pick;
    else if (state === 'bad') bad = pick;
  }
  return {
    firstBad: commits[bad] as string,
    skipped: range(good + 1, bad).map((i) => commits[i] as string),
  };
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, k) => from + k);
}
