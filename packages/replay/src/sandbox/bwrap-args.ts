import type { SandboxSpec } from './sandbox-types.js';

/**
 * File descriptors the namespace driver hands to bubblewrap, after stdin/stdout/stderr. bwrap
 * consumes the seccomp, hosts and status ones itself; the ready one reaches the sandbox, where
 * the launcher script writes one byte to it and closes it before running the command.
 */
export const BWRAP_FDS = { ready: 3, seccomp: 4, hosts: 5, status: 6 } as const;

/** The host name inside every namespace sandbox. */
export const SANDBOX_HOSTNAME = 'flashback-sandbox';

// Signals "set up and about to run the command", then gets out of the way with exec.
const LAUNCHER = `printf R >&${BWRAP_FDS.ready}; exec ${BWRAP_FDS.ready}>&-; exec "$@"`;

export interface BwrapArgsInput {
  spec: Pick<SandboxSpec, 'command' | 'cwd' | 'workDir' | 'binds' | 'memoryLimitMb' | 'maxProcesses'>;
  /** Whether a seccomp program is passed on {@link BWRAP_FDS.seccomp}. */
  seccomp: boolean;
  /** Absolute path of `prlimit`, needed when the spec sets a resource limit. */
  prlimitPath?: string;
  /** Host paths under /tmp bound back read-only over the private tmpfs (see `installPathsUnderTmp`). */
  keepVisible?: string[];
}

/**
 * bubblewrap's arguments (without the `bwrap` itself) for one run. Pure; the order matters:
 * bwrap applies mounts in order, so the tmpfs on /tmp comes before binds that may lie under it.
 *
 * - every namespace is new (`--unshare-all`), so the network holds only a loopback interface;
 *   the user namespace is required (`--unshare-user`), not merely tried: without it a root bwrap
 *   would run the command with the host's root identity;
 * - uid/gid 0 inside, with every capability dropped except `CAP_NET_BIND_SERVICE`: a stub must
 *   listen on the recorded port, and recorded ports are often 443 or 80. The capability only
 *   reaches the sandbox's own network namespace. Dropping the rest matters most when bwrap runs
 *   as root: kept `CAP_SYS_ADMIN` would let the sandbox remount the host read-write;
 * - the host read-only, fresh /dev, /proc and /tmp, then the binds, then the work directory;
 * - `/bin/sh` signals readiness, `prlimit` applies the resource limits, then the command.
 */
export function bwrapArgs(input: BwrapArgsInput): string[] {
  const { spec } = input;
  const args = [
    '--unshare-all',
    '--unshare-user',
    '--uid',
    '0',
    '--gid',
    '0',
    '--cap-drop',
    'ALL',
    '--cap-add',
    'CAP_NET_BIND_SERVICE',
    '--die-with-parent',
    '--new-session',
    '--hostname',
    SANDBOX_HOSTNAME,
    '--ro-bind',
    '/',
    '/',
    '--dev',
    '/dev',
    '--proc',
    '/proc',
    '--tmpfs',
    '/tmp',
  ];
  for (const path of input.keepVisible ?? []) args.push('--ro-bind', path, path);
  for (const bind of spec.binds) args.push(bind.writable ? '--bind' : '--ro-bind', bind.path, bind.path);
  args.push('--bind', spec.workDir, spec.workDir);
  args.push('--ro-bind-data', String(BWRAP_FDS.hosts), '/etc/hosts');
  if (input.seccomp) args.push('--seccomp', String(BWRAP_FDS.seccomp));
  args.push('--json-status-fd', String(BWRAP_FDS.status));
  args.push('--chdir', spec.cwd);
  args.push('--', '/bin/sh', '-c', LAUNCHER, 'flashback-sandbox', ...limitPrefix(input), ...spec.command);
  return args;
}

function limitPrefix({ spec, prlimitPath }: BwrapArgsInput): string[] {
  const limits: string[] = [];
  // RLIMIT_DATA, not RLIMIT_AS: see SandboxSpec.memoryLimitMb.
  if (spec.memoryLimitMb !== undefined) limits.push(`--data=${spec.memoryLimitMb * 1024 * 1024}`);
  if (spec.maxProcesses !== undefined) limits.push(`--nproc=${spec.maxProcesses}`);
  if (limits.length === 0) return [];
  if (prlimitPath === undefined) throw new Error('resource limits need prlimit (util-linux)');
  return [prlimitPath, ...limits, '--'];
}

/**
 * The private tmpfs on /tmp would hide Flashback itself (and the Node binary) when they are
 * installed under /tmp, as in a CI checkout there: their top-level /tmp directories, bound back
 * read-only, keep the runner runnable. Only these: other host /tmp content stays hidden.
 */
export function installPathsUnderTmp(paths: readonly string[]): string[] {
  const tops = new Set<string>();
  for (const path of paths) {
    const match = /^\/tmp\/([^/]+)/.exec(path);
    if (match) tops.add(`/tmp/${match[1]}`);
  }
  return [...tops];
}
