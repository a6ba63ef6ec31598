/**
 * Checkouts of single commits for bisect: `git worktree add` into a cache directory outside the
 * user's repository, the install command run once per lockfile (its node_modules kept and linked
 * into later checkouts with the same lockfile), and every worktree removed and pruned at the end,
 * so the repository is left as it was.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, symlink } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { git, runCommand } from './git-run.js';
import { WorkflowError } from './workflow-errors.js';

const LOCKFILES = ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml'];

export function bisectCacheDir(repoRoot: string): string {
  const base = process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache');
  const repo = createHash('sha256').update(repoRoot).digest('hex').slice(0, 16);
  return join(base, 'flashback', 'bisect', repo);
}

export class Worktrees {
  private readonly added: string[] = [];

  constructor(
    private readonly repoRoot: string,
    private readonly cacheDir: string,
  ) {}

  /** A detached checkout of `commit`; the path of the app's directory inside it (`appPath` relative). */
  async checkout(commit: string, appPath: string): Promise<string> {
    const dir = join(this.cacheDir, 'worktrees', commit);
    await rm(dir, { recursive: true, force: true });
    await mkdir(join(this.cacheDir, 'worktrees'), { recursive: true });
    await git(this.repoRoot, 'worktree', 'add', '--detach', '--force', dir, commit);
    this.added.push(dir);
    return join(dir, appPath);
  }

  /**
   * Runs `command` in the app directory unless an earlier checkout with the same lockfile (and
   * command) already did: then its node_modules is linked in.
   */
  async install(appDir: string, command: string): Promise<'installed' | 'cached'> {
    const key = await installKey(appDir, command);
    const kept = join(this.cacheDir, 'installs', key, 'node_modules');
    if (!existsSync(kept)) {
      const result = await runCommand('/bin/sh', ['-c', command], { cwd: appDir });
      if (result.code !== 0) {
        const output = `${result.stdout}${result.stderr}`.trim().split('\n').slice(-15).join('\n');
        throw new WorkflowError(
          'FB_CLI_GIT',
          `the install command failed in ${appDir} (exit ${result.code}):\n${output}`,
        );
      }
      if (!existsSync(join(appDir, 'node_modules'))) return 'installed';
      await mkdir(join(this.cacheDir, 'installs', key), { recursive: true });
      await rename(join(appDir, 'node_modules'), kept);
      await symlink(kept, join(appDir, 'node_modules'), 'dir');
      return 'installed';
    }
    await rm(join(appDir, 'node_modules'), { recursive: true, force: true });
    await symlink(kept, join(appDir, 'node_modules'), 'dir');
    return 'cached';
  }

  /** Removes every worktree this made and prunes git's records of them. */
  async removeAll(): Promise<void> {
    for (const dir of this.added.splice(0)) {
      await git(this.repoRoot, 'worktree', 'remove', '--force', dir).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    }
    await git(this.repoRoot, 'worktree', 'prune').catch(() => undefined);
  }
}

async function installKey(appDir: string, command: string): Promise<string> {
  const hash = createHash('sha256').update(command);
  const lockfile = LOCKFILES.find((name) => existsSync(join(appDir, name)));
  // Without a lockfile the manifest is the best description of what gets installed.
  hash.update(await readFile(join(appDir, lockfile ?? 'package.json')).catch(() => Buffer.from('')));
  return hash.digest('hex').slice(0, 16);
}
