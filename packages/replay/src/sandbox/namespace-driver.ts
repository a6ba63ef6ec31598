import { existsSync } from 'node:fs';
import { dirname, isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bwrapArgs, installPathsUnderTmp, SANDBOX_HOSTNAME } from './bwrap-args.js';

import { launchBwrap } from './bwrap-launch.js';
import { type BwrapHost, type ProbeOptions, probeBwrap } from './bwrap-probe.js';
import { abortedError, SandboxError } from './errors.js';
import { renderHostsFile } from './hosts-file.js';
import { accessProblem, type SandboxIdentity } from './path-access.js';
import type { DriverStatus, SandboxDriver, SandboxResult, SandboxSpec } from './sandbox-types.js';
import { DEFAULT_MAX_OUTPUT_BYTES, validateSpec } from './spec-validate.js';
import { handOver, prepareWorkDir, removeWorkDir } from './work-dir.js';

/** Where this package and Node live, bound back when under /tmp (the sandbox's /tmp is private). */
const INSTALL_PATHS_UNDER_TMP = installPathsUnderTmp([fileURLToPath(import.meta.url), process.execPath]);

export type NamespaceDriverOptions = ProbeOptions;

/**
 * The `namespace` driver: the command runs under bubblewrap in new user, pid, network, ipc, uts,
 * cgroup and mount namespaces. Its network holds only loopback, the host file system is
 * read-only, /tmp is a private tmpfs, the work directory is the one writable host path, and
 * `/etc/hosts` maps the recorded host names to the spec's addresses. Everything inside dies with
 * the run, on time limit, on abort, and when the orchestrator itself is killed.
 *
 * As root, the sandbox runs as an unprivileged user (default `nobody`): the work directory and
 * writable binds are handed to that user (the directory itself, not its contents), and the other
 * paths it needs must be readable by others; `run` says which one is not. See `bwrapArgs` for the
 * exact invocation.
 */
export class NamespaceDriver implements SandboxDriver {
  readonly kind = 'namespace' as const;
  readonly #options: NamespaceDriverOptions;

  constructor(options: NamespaceDriverOptions = {}) {
    this.#options = options;
  }

  /** Probes once (bwrap present, a trivial sandbox starts) and caches the answer. */
  async status(): Promise<DriverStatus> {
    const outcome = await probeBwrap(this.#options);
    return outcome.ok
      ? { available: true, detail: outcome.host.detail }
      : { available: false, detail: outcome.detail };
  }

  async run(spec: SandboxSpec, signal?: AbortSignal): Promise<SandboxResult> {
    validateSpec(spec);
    const hosts = renderHostsFile(spec.hosts, SANDBOX_HOSTNAME);
    if (signal?.aborted) throw abortedError(signal);
    const outcome = await probeBwrap(this.#options);
    if (!outcome.ok)
      throw new SandboxError('FB_SANDBOX_UNAVAILABLE', `namespace sandbox unavailable: ${outcome.detail}`);
    const { host } = outcome;
    if (
      (spec.memoryLimitMb !== undefined || spec.maxProcesses !== undefined) &&
      host.prlimitPath === undefined
    ) {
      throw new SandboxError(
        'FB_SANDBOX_UNAVAILABLE',
        'resource limits need prlimit: install the Debian package util-linux',
      );
    }
    const createdWorkDir = await prepareWorkDir(spec.workDir, host.identity);
    try {
      if (host.identity !== undefined) await claimPaths(spec, host.identity);
      return await this.#launch(host, spec, hosts, signal);
    } finally {
      if (createdWorkDir) await removeWorkDir(spec.workDir);
    }
  }

  async #launch(
    host: BwrapHost,
    spec: SandboxSpec,
    hosts: string,
    signal: AbortSignal | undefined,
  ): Promise<SandboxResult> {
    const outcome = await launchBwrap({
      bwrapPath: host.bwrapPath,
      args: bwrapArgs({
        spec,
        seccomp: host.seccomp !== undefined,
        prlimitPath: host.prlimitPath,
        keepVisible: INSTALL_PATHS_UNDER_TMP,
      }),
      env: spec.env,
      identity: host.identity,
      seccomp: host.seccomp,
      hosts,
      timeLimitMs: spec.timeLimitMs,
      maxOutputBytes: spec.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES,
      onStderrLine: spec.onStderrLine,
      signal,
    });
    if (outcome.aborted) throw abortedError(signal);
    if (!outcome.ready && !outcome.result.timedOut) {
      const reason =
        outcome.result.stderr.trim() ||
        `bwrap exited with ${outcome.result.exitCode ?? outcome.result.signal}`;
      throw new SandboxError(
        'FB_SANDBOX_START_FAILED',
        `the namespace sandbox could not be set up: ${reason}`,
      );
    }
    return outcome.result;
  }
}

/**
 * Hands writable binds to the sandbox user, as the work directory is, and fails early, naming the
 * path, where that user could not reach what the run needs.
 */
async function claimPaths(spec: SandboxSpec, who: SandboxIdentity): Promise<void> {
  for (const bind of spec.binds) {
    if (bind.writable && existsSync(bind.path)) await handOver(bind.path, who);
  }
  const checks: [string, 'search' | 'read' | 'exec'][] = [
    [spec.cwd, 'search'],
    [dirname(spec.workDir), 'search'],
    ...spec.binds.map((b): [string, 'read'] => [b.path, 'read']),
  ];
  const program = spec.command[0];
  if (program !== undefined && isAbsolute(program)) checks.push([program, 'exec']);
  for (const [path, need] of checks) {
    const problem = await accessProblem(path, who, need);
    if (problem !== undefined) {
      throw new SandboxError(
        'FB_SANDBOX_PATH_NOT_ACCESSIBLE',
        `the sandbox runs as uid ${who.uid} and cannot use ${path}: ${problem}. ` +
          'Make it readable by others, move it, or run the orchestrator as a non-root user.',
      );
    }
  }
}
