import type { SandboxIdentity } from './path-access.js';

/** What the probe learnt, in the words `status().detail` uses. */
export interface HostFacts {
  version: string;
  identity: SandboxIdentity | undefined;
  /** uid of the orchestrator. */
  callerUid: number | undefined;
  seccomp: boolean;
  prlimit: boolean;
  arch: string;
  /** Why the unprivileged identity was not usable, when the sandbox fell back to root. */
  unprivilegedFailure?: string;
}

/**
 * One line saying what the namespace driver runs on and with which guarantees, e.g.
 * `bubblewrap 0.8.0; sandbox runs as uid 65534 (root inside its user namespace); Unix sockets
 * blocked by seccomp`. Anything weaker than the full guarantees is spelled out.
 */
export function describeHost(facts: HostFacts): string {
  const parts = [`bubblewrap ${facts.version}`];
  if (facts.identity !== undefined) {
    parts.push(`sandbox runs as uid ${facts.identity.uid} (root inside its user namespace)`);
  } else if (facts.callerUid === 0) {
    const why = firstLine(facts.unprivilegedFailure ?? 'failed');
    parts.push(`sandbox runs as root, so maxProcesses is not enforced (as an unprivileged user: ${why})`);
  } else {
    parts.push(`sandbox runs as uid ${facts.callerUid}`);
  }
  parts.push(
    facts.seccomp
      ? 'Unix sockets blocked by seccomp'
      : `no seccomp filter for ${facts.arch}: host Unix sockets reachable`,
  );
  if (!facts.prlimit) parts.push('prlimit missing: resource limits unavailable (install util-linux)');
  return parts.join('; ');
}

/** Turns bwrap's complaint about a trial sandbox into what to do about it. */
export function explainFailure(stderr: string): string {
  const userns =
    /No permissions to creat(e|ing) new namespace|Creating new namespace failed|setting up uid map|unshare.*(not permitted|Permission denied)|user namespace/i;
  if (userns.test(stderr)) {
    return (
      `bwrap cannot create user namespaces here (${firstLine(stderr)}): enable them ` +
      '(sysctl user.max_user_namespaces > 0, kernel.unprivileged_userns_clone=1, ' +
      'kernel.apparmor_restrict_unprivileged_userns=0) or allow them in the container'
    );
  }
  return `bwrap cannot start a sandbox here: ${firstLine(stderr) || 'no reason given'}`;
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}
