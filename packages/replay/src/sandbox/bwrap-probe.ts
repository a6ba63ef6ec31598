import { fileURLToPath } from 'node:url';
import { bwrapArgs, installPathsUnderTmp, SANDBOX_HOSTNAME } from './bwrap-args.js';

import { describeHost, explainFailure } from './bwrap-diagnosis.js';
import { launchBwrap } from './bwrap-launch.js';
import { bwrapVersion, compareVersions } from './bwrap-version.js';
import { findExecutable } from './executable-lookup.js';
import { renderHostsFile } from './hosts-file.js';
import type { SandboxIdentity } from './path-access.js';
import { seccompProgram } from './seccomp-filter.js';
import { createWorkDir, prepareWorkDir, removeWorkDir } from './work-dir.js';

/** Where this package and Node live, bound back when under /tmp (the sandbox's /tmp is private). */
const INSTALL_PATHS_UNDER_TMP = installPathsUnderTmp([fileURLToPath(import.meta.url), process.execPath]);

/** What the namespace driver found out about this host, once. */
export interface BwrapHost {
  bwrapPath: string;
  version: string;
  prlimitPath?: string;
  /** The user bwrap runs as, when not the orchestrator's own (the orchestrator is root). */
  identity?: SandboxIdentity;
  seccomp?: Buffer;
  detail: string;
}

export type ProbeOutcome = { ok: true; host: BwrapHost } | { ok: false; detail: string };

export interface ProbeOptions {
  /** bwrap to use; default: `bwrap` on PATH. */
  bwrapPath?: string;
  /** Who the sandbox runs as when the orchestrator is root; default 65534:65534 (nobody). */
  sandboxUser?: SandboxIdentity;
}

const NOBODY: SandboxIdentity = { uid: 65534, gid: 65534 };
const MIN_VERSION = [0, 5, 0] as const;
const cache = new Map<string, Promise<ProbeOutcome>>();

/**
 * Whether namespace sandboxes work here, and how: bwrap is located and a trivial sandbox with
 * the real configuration is started. As root, the sandbox first tries to run as an unprivileged
 * user, which is what makes `maxProcesses` enforceable (the kernel never applies RLIMIT_NPROC to
 * root) and keeps root-only host files unreadable; it falls back to root where unprivileged user
 * namespaces are blocked. Cached per bwrap path and user for the life of the process; never
 * rejects.
 */
export function probeBwrap(options: ProbeOptions = {}): Promise<ProbeOutcome> {
  const key = JSON.stringify([options.bwrapPath ?? '', options.sandboxUser ?? NOBODY]);
  let outcome = cache.get(key);
  if (outcome === undefined) {
    outcome = probe(options).catch((error: unknown) => ({
      ok: false as const,
      detail: `probing bubblewrap failed: ${error instanceof Error ? error.message : String(error)}`,
    }));
    cache.set(key, outcome);
  }
  return outcome;
}

async function probe(options: ProbeOptions): Promise<ProbeOutcome> {
  if (process.platform !== 'linux') {
    return { ok: false, detail: `namespace sandboxes need Linux; this host runs ${process.platform}` };
  }
  const bwrapPath = findExecutable(options.bwrapPath ?? 'bwrap');
  if (bwrapPath === undefined) {
    return { ok: false, detail: 'bwrap not found on PATH: install the Debian package bubblewrap' };
  }
  const version = await bwrapVersion(bwrapPath);
  if (version === undefined || compareVersions(version, MIN_VERSION) < 0) {
    const found = version ?? 'an unknown version';
    return {
      ok: false,
      detail: `${bwrapPath} is ${found}; bubblewrap ${MIN_VERSION.join('.')} or newer is needed`,
    };
  }
  const base = {
    bwrapPath,
    version,
    prlimitPath: findExecutable('prlimit'),
    seccomp: seccompProgram(process.arch),
  };
  const callerUid = process.getuid?.();
  const candidates = callerUid === 0 ? [options.sandboxUser ?? NOBODY, undefined] : [undefined];
  const failures: string[] = [];
  for (const identity of candidates) {
    const failure = await trial({ ...base, identity, detail: '' });
    if (failure === undefined) {
      const detail = describeHost({
        version,
        identity,
        callerUid,
        seccomp: base.seccomp !== undefined,
        prlimit: base.prlimitPath !== undefined,
        arch: process.arch,
        unprivilegedFailure: failures[0],
      });
      return { ok: true, host: { ...base, identity, detail } };
    }
    failures.push(failure);
  }
  return { ok: false, detail: explainFailure(failures.at(-1) ?? '') };
}

/** Starts `true` in a sandbox configured as real runs are; returns bwrap's complaint, if any. */
async function trial(host: BwrapHost): Promise<string | undefined> {
  const workDir = await createWorkDir();
  try {
    await prepareWorkDir(workDir, host.identity);
    const limits = host.prlimitPath === undefined ? {} : { memoryLimitMb: 256, maxProcesses: 64 };
    const spec = { command: ['true'], cwd: workDir, workDir, binds: [], ...limits };
    const outcome = await launchBwrap({
      bwrapPath: host.bwrapPath,
      args: bwrapArgs({
        spec,
        seccomp: host.seccomp !== undefined,
        prlimitPath: host.prlimitPath,
        keepVisible: INSTALL_PATHS_UNDER_TMP,
      }),
      env: { PATH: '/usr/bin:/bin' },
      identity: host.identity,
      seccomp: host.seccomp,
      hosts: renderHostsFile({}, SANDBOX_HOSTNAME),
      timeLimitMs: 10_000,
      maxOutputBytes: 64 * 1024,
    });
    if (outcome.ready && outcome.result.exitCode === 0) return undefined;
    const { stderr, exitCode, signal } = outcome.result;
    return stderr.trim() || `bwrap exited with ${exitCode ?? signal}`;
  } catch (error: unknown) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await removeWorkDir(workDir);
  }
}
