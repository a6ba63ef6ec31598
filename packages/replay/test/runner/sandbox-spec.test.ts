import { describe, expect, it } from 'vitest';
import { sandboxSpec } from '../../src/orchestrator/sandbox-spec.js';

describe('sandboxSpec', () => {
  it('runs the runner with the job, maps recorded host names to loopback and shows what the run reads', () => {
    const spec = sandboxSpec({
      workDir: '/tmp/fb/1-2-abc',
      jobFile: '/tmp/fb/1-2-abc/job.json',
      runner: '/repo/packages/replay/dist/runner/runner-main.js',
      nodePath: '/opt/node/bin/node',
      hostPath: '/usr/bin:/opt/node/bin:/bin',
      readable: ['/repo/examples/checkout', '/repo/packages/node', '/repo/packages/node'],
      hostNames: ['db.internal', 'gateway.internal'],
      timeLimitMs: 60_000,
      memoryLimitMb: 4096,
      pgliteTemplate: '/cache/pglite-template',
    });
    expect(spec).toEqual({
      command: [
        '/opt/node/bin/node',
        '/repo/packages/replay/dist/runner/runner-main.js',
        '/tmp/fb/1-2-abc/job.json',
      ],
      cwd: '/tmp/fb/1-2-abc',
      env: { PATH: '/opt/node/bin:/usr/bin:/bin', LANG: 'C.UTF-8' },
      binds: [{ path: '/repo/examples/checkout' }, { path: '/repo/packages/node' }],
      workDir: '/tmp/fb/1-2-abc',
      hosts: { 'db.internal': '127.0.0.1', 'gateway.internal': '127.0.0.1' },
      timeLimitMs: 60_000,
      memoryLimitMb: 4096,
      standby: {
        command: [
          '/opt/node/bin/node',
          '/repo/packages/replay/dist/runner/runner-main.js',
          '--standby',
          '/cache/pglite-template',
        ],
        input: '/tmp/fb/1-2-abc/job.json',
      },
    });
  });
});
