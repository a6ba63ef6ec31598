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
      warmApp: {
        dir: '/repo/examples/checkout',
        start: 'node src/server.js',
        sdkRegister: '/repo/packages/node/dist/register.js',
      },
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
          '--pglite-template',
          '/cache/pglite-template',
          '--warm-app',
          JSON.stringify({
            dir: '/repo/examples/checkout',
            start: 'node src/server.js',
            sdkRegister: '/repo/packages/node/dist/register.js',
          }),
        ],
        input: '/tmp/fb/1-2-abc/job.json',
      },
    });
  });

  it('loads no app ahead whose start command is not plain `node <entry>`', () => {
    const spec = sandboxSpec({
      workDir: '/w',
      jobFile: '/w/job.json',
      runner: '/r/runner-main.js',
      nodePath: '/opt/node/bin/node',
      hostPath: '/usr/bin',
      readable: [],
      hostNames: [],
      timeLimitMs: 60_000,
      warmApp: { dir: '/app', start: 'npm start', sdkRegister: '/sdk/register.js' },
    });
    expect(spec.standby?.command).toEqual(['/opt/node/bin/node', '/r/runner-main.js', '--standby']);
  });
});
