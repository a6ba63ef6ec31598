import { describe, expect, test } from 'vitest';
import { BWRAP_FDS, bwrapArgs, installPathsUnderTmp } from '../../src/sandbox/bwrap-args.js';

const spec = {
  command: ['/usr/bin/node', 'runner.js', '--package', 'pkg.json'],
  cwd: '/srv/app',
  workDir: '/tmp/flashback-sandbox-0/1-2-abc',
  binds: [{ path: '/tmp/fixtures' }, { path: '/srv/out', writable: true }],
};

/** The index of the option `flag` whose value (or first value) is `value`. */
function indexOf(args: string[], flag: string, value?: string): number {
  return args.findIndex((arg, i) => arg === flag && (value === undefined || args[i + 1] === value));
}

describe('bwrapArgs', () => {
  const args = bwrapArgs({ spec, seccomp: true, prlimitPath: '/usr/bin/prlimit' });

  test('isolates every namespace, keeps one capability and dies with its parent', () => {
    for (const flag of ['--unshare-all', '--unshare-user', '--die-with-parent', '--new-session'])
      expect(args).toContain(flag);
    expect(args.slice(indexOf(args, '--cap-drop'), indexOf(args, '--cap-drop') + 4)).toEqual([
      '--cap-drop',
      'ALL',
      '--cap-add',
      'CAP_NET_BIND_SERVICE',
    ]);
    expect(args[indexOf(args, '--uid') + 1]).toBe('0');
  });

  test('mounts the host read-only, then fresh /dev, /proc and /tmp, then binds, then the work directory', () => {
    const order = [
      indexOf(args, '--ro-bind', '/'),
      indexOf(args, '--dev', '/dev'),
      indexOf(args, '--proc', '/proc'),
      indexOf(args, '--tmpfs', '/tmp'),
      indexOf(args, '--ro-bind', '/tmp/fixtures'),
      indexOf(args, '--bind', '/srv/out'),
      indexOf(args, '--bind', spec.workDir),
    ];
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(
      args.slice(indexOf(args, '--bind', spec.workDir), indexOf(args, '--bind', spec.workDir) + 3),
    ).toEqual(['--bind', spec.workDir, spec.workDir]);
  });

  test('feeds /etc/hosts, seccomp and status through their descriptors and starts in cwd', () => {
    expect(args[indexOf(args, '--ro-bind-data') + 1]).toBe(String(BWRAP_FDS.hosts));
    expect(args[indexOf(args, '--ro-bind-data') + 2]).toBe('/etc/hosts');
    expect(args[indexOf(args, '--seccomp') + 1]).toBe(String(BWRAP_FDS.seccomp));
    expect(args[indexOf(args, '--json-status-fd') + 1]).toBe(String(BWRAP_FDS.status));
    expect(args[indexOf(args, '--chdir') + 1]).toBe('/srv/app');
    expect(bwrapArgs({ spec, seccomp: false })).not.toContain('--seccomp');
  });

  test('runs the command through the ready signal, with prlimit only when a limit is set', () => {
    const command = args.slice(args.indexOf('--') + 1);
    expect(command.slice(0, 2)).toEqual(['/bin/sh', '-c']);
    expect(command[2]).toContain(`>&${BWRAP_FDS.ready}`);
    expect(command.slice(4)).toEqual(spec.command);

    const limited = bwrapArgs({
      spec: { ...spec, memoryLimitMb: 512, maxProcesses: 64 },
      seccomp: true,
      prlimitPath: '/usr/bin/prlimit',
    });
    expect(limited.slice(limited.indexOf('--') + 5)).toEqual([
      '/usr/bin/prlimit',
      `--data=${512 * 1024 * 1024}`,
      '--nproc=64',
      '--',
      ...spec.command,
    ]);
  });

  test('binds back, read-only, an installation under /tmp, and nothing else of the host /tmp', () => {
    const keepVisible = installPathsUnderTmp([
      '/tmp/ci-clone/packages/replay/dist/sandbox/x.js',
      '/usr/bin/node',
    ]);
    expect(keepVisible).toEqual(['/tmp/ci-clone']);
    const underTmp = bwrapArgs({ spec, seccomp: false, keepVisible });
    const bound = indexOf(underTmp, '--ro-bind', '/tmp/ci-clone');
    expect(bound).toBeGreaterThan(indexOf(underTmp, '--tmpfs', '/tmp'));
    expect(underTmp[bound + 2]).toBe('/tmp/ci-clone');
    expect(indexOf(args, '--ro-bind', '/tmp/ci-clone')).toBe(-1);
  });
});
