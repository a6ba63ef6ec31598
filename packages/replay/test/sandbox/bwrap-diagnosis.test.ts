import { describe, expect, test } from 'vitest';
import { describeHost, explainFailure } from '../../src/sandbox/bwrap-diagnosis.js';

const facts = { version: '0.8.0', callerUid: 0, seccomp: true, prlimit: true, arch: 'x64' };

describe('describeHost', () => {
  test('says who the sandbox runs as and what is enforced', () => {
    expect(describeHost({ ...facts, identity: { uid: 65534, gid: 65534 } })).toBe(
      'bubblewrap 0.8.0; sandbox runs as uid 65534 (root inside its user namespace); Unix sockets blocked by seccomp',
    );
  });

  test('spells out every weaker guarantee', () => {
    const detail = describeHost({
      ...facts,
      identity: undefined,
      seccomp: false,
      prlimit: false,
      arch: 'riscv64',
      unprivilegedFailure: 'bwrap: setting up uid map: Permission denied\nmore',
    });
    expect(detail).toBe(
      'bubblewrap 0.8.0; sandbox runs as root, so maxProcesses is not enforced (as an unprivileged user: ' +
        'bwrap: setting up uid map: Permission denied); no seccomp filter for riscv64: host Unix sockets reachable; ' +
        'prlimit missing: resource limits unavailable (install util-linux)',
    );
  });
});

describe('explainFailure', () => {
  test.each([
    'bwrap: No permissions to creating new namespace, likely because the kernel does not allow non-privileged user namespaces.',
    'bwrap: Creating new namespace failed: Operation not permitted',
    'bwrap: setting up uid map: Permission denied',
  ])('recognises user namespaces being unavailable: %s', (stderr) => {
    expect(explainFailure(stderr)).toMatch(
      /^bwrap cannot create user namespaces here .*user\.max_user_namespaces/,
    );
  });

  test('passes any other complaint on', () => {
    expect(explainFailure("bwrap: Can't mount proc on /newroot/proc: Operation not permitted\n")).toBe(
      "bwrap cannot start a sandbox here: bwrap: Can't mount proc on /newroot/proc: Operation not permitted",
    );
  });
});
