import { randomBytes } from 'node:crypto';
import { chown, lstat, mkdir, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SandboxError } from './errors.js';
import { isProcessAlive, processStartTicks } from './process-liveness.js';
import { killProcessesNaming } from './stale-processes.js';

/**
 * Work directories live under one parent per user, named after the process that made them:
 * `<tmpdir>/flashback-sandbox-<uid>/<pid>-<start ticks>-<random>`. An orchestrator killed with
 * SIGKILL cannot clean up, so the next one sweeps every directory whose owner is gone.
 */
const NAME = /^(\d+)-(\d+)-[0-9a-f]{12}$/;

export interface WorkDirOptions {
  /** Where work directories are made; default `<os.tmpdir()>/flashback-sandbox-<uid>`. */
  parentDir?: string;
}

/** The default parent of work directories for the current user. */
export function defaultWorkDirParent(): string {
  return join(tmpdir(), `flashback-sandbox-${process.getuid?.() ?? 'user'}`);
}

/**
 * Makes a fresh, empty work directory owned by this process (mode 0700) and returns its path.
 * Pass it as `SandboxSpec.workDir`; remove it with {@link removeWorkDir} once its outputs are read.
 *
 * @throws SandboxError `FB_SANDBOX_WORKDIR` when the parent cannot be made or is not ours (a
 * directory planted in a shared tmp by another user must not receive our files).
 */
export async function createWorkDir(options: WorkDirOptions = {}): Promise<string> {
  const parent = options.parentDir ?? defaultWorkDirParent();
  try {
    await mkdir(parent, { recursive: true, mode: 0o755 });
    const info = await lstat(parent);
    const uid = process.getuid?.();
    if (!info.isDirectory() || (uid !== undefined && info.uid !== uid)) {
      throw new Error(`${parent} is not a directory owned by uid ${uid}`);
    }
    const path = join(
      parent,
      `${process.pid}-${processStartTicks(process.pid) ?? 0}-${randomBytes(6).toString('hex')}`,
    );
    await mkdir(path, { mode: 0o700 });
    return path;
  } catch (error: unknown) {
    throw new SandboxError('FB_SANDBOX_WORKDIR', `cannot create a work directory under ${parent}`, {
      cause: error,
    });
  }
}

/** Removes a work directory and everything in it; a missing directory is not an error. */
export async function removeWorkDir(path: string): Promise<void> {
  try {
    await rm(path, { recursive: true, force: true, maxRetries: 3 });
  } catch (error: unknown) {
    throw new SandboxError('FB_SANDBOX_WORKDIR', `cannot remove work directory ${path}`, { cause: error });
  }
}

/**
 * Removes the work directories whose owning process is gone (for example an orchestrator that
 * was SIGKILLed mid-run) and returns their paths, after killing any process still naming one in
 * its argv (a sandbox orphaned while it was being set up). Directories of live processes, and
 * entries not named like work directories, are left alone. Call it when an orchestrator starts.
 */
export async function sweepStaleWorkDirs(options: WorkDirOptions = {}): Promise<string[]> {
  const parent = options.parentDir ?? defaultWorkDirParent();
  let names: string[];
  try {
    names = await readdir(parent);
  } catch (error: unknown) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new SandboxError('FB_SANDBOX_WORKDIR', `cannot list work directories in ${parent}`, {
      cause: error,
    });
  }
  const removed: string[] = [];
  for (const name of names) {
    const match = NAME.exec(name);
    if (match === null) continue;
    const [, pid, ticks] = match;
    if (isProcessAlive(Number(pid), ticks === '0' ? undefined : ticks)) continue;
    const path = join(parent, name);
    killProcessesNaming(path);
    await removeWorkDir(path);
    removed.push(path);
  }
  return removed;
}

/**
 * Makes `path` usable as a run's work directory: creates it when missing (the caller of the run
 * then owns nothing and the driver removes it afterwards) and hands it to `owner` when the sandbox
 * runs as another user. Returns whether it was created here.
 */
export async function prepareWorkDir(path: string, owner?: { uid: number; gid: number }): Promise<boolean> {
  let created = false;
  try {
    created = (await mkdir(path, { recursive: true, mode: 0o700 })) !== undefined;
    if (owner !== undefined) await handOver(path, owner);
  } catch (error: unknown) {
    if (created) await removeWorkDir(path).catch(() => undefined);
    throw new SandboxError('FB_SANDBOX_WORKDIR', `cannot prepare work directory ${path}`, { cause: error });
  }
  return created;
}

/**
 * Gives `path` itself (not its contents) to `owner`, so a sandbox running as that user can write
 * there: a writable bind or work directory made by a root orchestrator.
 */
export async function handOver(path: string, owner: { uid: number; gid: number }): Promise<void> {
  const info = await stat(path);
  if (info.uid !== owner.uid || info.gid !== owner.gid) await chown(path, owner.uid, owner.gid);
}
