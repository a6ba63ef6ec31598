/**
 * `flashback bisect <issue id | package.json> --app <git dir> --good <rev> --bad <rev>`: the first
 * commit where the failure appears, by reproducing it across commits in throwaway worktrees.
 */
import { realpathSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { ErrorPackage } from '@flashback/protocol/types';
import type { OffRecordPolicy, ReproduceOptions } from '@flashback/replay';
import type { CliDeps } from '../cli-deps.js';
import type { CommandDefinition, CommandInput, OptionValue } from '../command-types.js';
import { EXIT_OK } from '../exit-codes.js';
import { APP_OPTIONS, appSpecOf, offRecordOf } from './app-spec-options.js';
import { bisectCommits, type CommitState } from './bisect-search.js';
import { bisectCacheDir, Worktrees } from './bisect-worktrees.js';
import { COLLECTOR_OPTIONS } from './collector-client.js';
import { loadFailure } from './failure-source.js';
import { git } from './git-run.js';
import { SANDBOX_OPTION } from './verify-command.js';
import { WorkflowError } from './workflow-errors.js';

export const bisectCommand: CommandDefinition = {
  name: 'bisect',
  summary: 'find the first commit where the failure appears, reproducing it across commits',
  positionals: [
    { name: 'issue id | package.json', description: 'an issue with a confirmed reproduction, or a package' },
  ],
  options: {
    app: { kind: 'string', value: '<dir>', required: true, description: 'the app, inside a git work tree' },
    good: { kind: 'string', value: '<rev>', required: true, description: 'a commit without the failure' },
    bad: { kind: 'string', value: '<rev>', required: true, description: 'a commit with the failure' },
    install: {
      kind: 'string',
      value: '<command>',
      description: 'run in each checkout before starting the app (once per lockfile)',
    },
    ...APP_OPTIONS,
    sandbox: SANDBOX_OPTION,
    timeout: { kind: 'duration', value: '<time>', description: 'time limit per commit', defaultText: '60s' },
    ...COLLECTOR_OPTIONS,
  },
  exitCodes: '0 found, 2 could not bisect (dirty work tree, unknown revision, the endpoints do not hold)',
  run: runBisect,
};

interface Repository {
  root: string;
  /** The app's directory relative to the root. */
  appPath: string;
}

async function runBisect({ positionals, options }: CommandInput, deps: CliDeps): Promise<number> {
  const failure = await loadFailure(positionals[0] ?? '', options);
  const repo = await repositoryOf(String(options.app));
  await assertClean(repo.root);
  const good = await commitOf(repo.root, String(options.good), '--good');
  const bad = await commitOf(repo.root, String(options.bad), '--bad');
  const commits = await commitsBetween(repo.root, good, bad, options);
  const offRecord = await offRecordOf(options);
  const worktrees = new Worktrees(repo.root, bisectCacheDir(repo.root));
  // Ctrl-C stops the running reproduction and the search; the worktrees are still removed.
  const stop = new AbortController();
  void deps.interrupted.then(() => stop.abort());
  let step = 0;
  const total = Math.ceil(Math.log2(commits.length + 1)) + 2;
  const test = async (commit: string): Promise<CommitState> => {
    if (stop.signal.aborted)
      throw new WorkflowError('FB_CLI_GIT', 'bisect interrupted; the worktrees are removed');
    step += 1;
    const subject = await git(repo.root, 'log', '-1', '--format=%h %s', commit);
    deps.stderr(`[${step}/~${total}] ${subject}\n`);
    const state = await testCommit(commit, {
      repo,
      worktrees,
      options,
      pkg: failure.pkg,
      offRecord,
      deps,
      signal: stop.signal,
    });
    deps.stderr(`        → ${state}\n`);
    return state;
  };
  try {
    if ((await test(bad)) !== 'bad') {
      throw new WorkflowError(
        'FB_CLI_GIT',
        `the failure does not reproduce at --bad ${String(options.bad)}: nothing to bisect`,
      );
    }
    if ((await test(good)) !== 'good') {
      throw new WorkflowError(
        'FB_CLI_GIT',
        `--good ${String(options.good)} is not good: the failure already reproduces there (or it cannot be tested)`,
      );
    }
    const result = await bisectCommits(commits, test);
    const summary = await git(
      repo.root,
      'show',
      '--stat',
      '--format=%H%n%an <%ae>  %ad%n%n    %s%n',
      result.firstBad,
    );
    const subject = await git(repo.root, 'log', '-1', '--format=%s', result.firstBad);
    deps.stdout(`first bad commit ${result.firstBad} ${subject}\n`);
    if (result.skipped.length > 0) {
      deps.stdout(`  (or one of ${result.skipped.join(', ')}, which could not be tested)\n`);
    }
    deps.stdout(`\n${summary}\n`);
    return EXIT_OK;
  } finally {
    await worktrees.removeAll();
    await rm(join(bisectCacheDir(repo.root), 'worktrees'), { recursive: true, force: true });
  }
}

interface CommitTest {
  repo: Repository;
  worktrees: Worktrees;
  options: Record<string, OptionValue>;
  pkg: ErrorPackage;
  offRecord: OffRecordPolicy;
  deps: CliDeps;
  signal: AbortSignal;
}

/** Reproduces the failure at `commit`: bad when it happens again, good when not, skip when it cannot run. */
async function testCommit(commit: string, context: CommitTest): Promise<CommitState> {
  const { options, deps } = context;
  const appDir = await context.worktrees.checkout(commit, context.repo.appPath);
  if (typeof options.install === 'string') {
    const how = await context.worktrees.install(appDir, options.install);
    deps.stderr(`        install: ${how === 'cached' ? 'reused for the same lockfile' : 'done'}\n`);
  }
  const app = await appSpecOf(appDir, options, context.pkg);
  const reproduceOptions: ReproduceOptions = {
    sandbox: (options.sandbox as 'process' | 'namespace' | undefined) ?? 'auto',
    offRecord: context.offRecord,
    signal: context.signal,
  };
  if (typeof options.timeout === 'number') reproduceOptions.timeLimitMs = options.timeout;
  const verdict = await deps.reproduce(context.pkg, app, reproduceOptions);
  deps.stderr(`        ${verdict.summary}\n`);
  if (verdict.status === 'error') return 'skip';
  return verdict.status === 'reproduced' ? 'bad' : 'good';
}

async function repositoryOf(dir: string): Promise<Repository> {
  const appDir = realpathSync.native(resolve(dir));
  let root: string;
  try {
    root = await git(appDir, 'rev-parse', '--show-toplevel');
  } catch {
    throw new WorkflowError(
      'FB_CLI_GIT',
      `${appDir} is not inside a git work tree: bisect needs the app's repository (--app)`,
    );
  }
  return { root, appPath: relative(root, appDir) };
}

async function assertClean(root: string): Promise<void> {
  const status = await git(root, 'status', '--porcelain');
  if (status !== '') {
    const shown = status.split('\n').slice(0, 5).join('\n  ');
    throw new WorkflowError(
      'FB_CLI_GIT',
      `the work tree of ${root} has uncommitted changes; commit or stash them first:\n  ${shown}`,
    );
  }
}

async function commitOf(root: string, rev: string, option: string): Promise<string> {
  try {
    return await git(root, 'rev-parse', '--verify', '--quiet', `${rev}^{commit}`);
  } catch {
    throw new WorkflowError('FB_CLI_GIT', `${option} ${rev}: there is no such commit in ${root}`);
  }
}

/** The commits after `good` up to and including `bad`, oldest first. */
async function commitsBetween(
  root: string,
  good: string,
  bad: string,
  options: Record<string, OptionValue>,
): Promise<string[]> {
  const ancestor = await git(root, 'merge-base', '--is-ancestor', good, bad).then(
    () => true,
    () => false,
  );
  if (!ancestor || good === bad) {
    throw new WorkflowError(
      'FB_CLI_GIT',
      `--good ${String(options.good)} must be an earlier commit than --bad ${String(options.bad)} on its history`,
    );
  }
  const list = await git(root, 'rev-list', '--reverse', '--ancestry-path', `${good}..${bad}`);
  return list.split('\n').filter((line) => line !== '');
}
