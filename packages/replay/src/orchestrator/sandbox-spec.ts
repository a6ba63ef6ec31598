/** The sandbox a reproduction runs in: the runner as its one command, and what it may see. Pure. */
import { dirname } from 'node:path';
import { STANDBY_FLAG } from '../runner/job-types.js';
import { parseNodeStart, type WarmAppSpec } from '../runner/warm-app.js';
import type { SandboxSpec } from '../sandbox/sandbox-types.js';

export interface SpecInput {
  workDir: string;
  jobFile: string;
  /** Compiled runner entry. */
  runner: string;
  /** The PGlite template the runner's standby process starts a database from ahead of the job. */
  pgliteTemplate?: string | undefined;
  /** The app the runner's standby process loads ahead, when its start command allows (see warm-app.ts). */
  warmApp?: WarmAppSpec;
  /** The Node binary that runs the runner (and, through PATH, the app). */
  nodePath: string;
  /** Host PATH, after the Node binary's own directory. */
  hostPath: string;
  /** Read-only: the app, the SDK, Flashback itself. */
  readable: string[];
  /** Recorded dependency host names: each resolves to loopback, where its stand-in listens. */
  hostNames: string[];
  timeLimitMs: number;
  memoryLimitMb?: number;
  maxProcesses?: number;
  onStderrLine?: (line: string) => void;
}

export function sandboxSpec(input: SpecInput): SandboxSpec {
  const spec: SandboxSpec = {
    command: [input.nodePath, input.runner, input.jobFile],
    cwd: input.workDir,
    env: {
      PATH: [dirname(input.nodePath), ...input.hostPath.split(':')]
        .filter((p, i, all) => p !== '' && all.indexOf(p) === i)
        .join(':'),
      LANG: 'C.UTF-8',
    },
    binds: [...new Set(input.readable)].map((path) => ({ path })),
    workDir: input.workDir,
    hosts: Object.fromEntries(input.hostNames.map((name) => [name, '127.0.0.1'])),
    timeLimitMs: input.timeLimitMs,
    standby: {
      command: [
        input.nodePath,
        input.runner,
        STANDBY_FLAG,
        ...(input.pgliteTemplate === undefined ? [] : ['--pglite-template', input.pgliteTemplate]),
        ...(input.warmApp && parseNodeStart(input.warmApp.start)
          ? ['--warm-app', JSON.stringify(input.warmApp)]
          : []),
      ],
      input: input.jobFile,
    },
  };
  if (input.memoryLimitMb !== undefined) spec.memoryLimitMb = input.memoryLimitMb;
  if (input.maxProcesses !== undefined) spec.maxProcesses = input.maxProcesses;
  if (input.onStderrLine !== undefined) spec.onStderrLine = input.onStderrLine;
  return spec;
}
