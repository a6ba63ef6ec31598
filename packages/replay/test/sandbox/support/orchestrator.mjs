// A stand-in orchestrator for the die-with-parent test: makes a work directory under the given
// parent, starts a namespace sandbox whose Node process spawns a child Node process (both carry
// the marker in their argv), reports "RUNNING <workDir>" once both run, and waits to be killed.
import { createSandboxDriver, createWorkDir } from '../../../dist/sandbox/index.js';

const [parentDir, marker] = process.argv.slice(2);
const workDir = await createWorkDir({ parentDir });
const code = `
const { spawn } = require('node:child_process');
const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', process.argv[1]], { stdio: 'ignore' });
child.on('spawn', () => console.error('both running'));
setInterval(() => {}, 1000);
`;
await createSandboxDriver('namespace').run({
  command: [process.execPath, '-e', code, marker],
  cwd: workDir,
  env: { PATH: '/usr/bin:/bin' },
  binds: [],
  workDir,
  hosts: {},
  timeLimitMs: 120_000,
  onStderrLine: (line) => {
    if (line === 'both running') process.stdout.write(`RUNNING ${workDir}\n`);
  },
});
