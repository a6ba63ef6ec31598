import { spawn } from 'node:child_process';
import { killOnExit } from './exit-cleanup.js';

export interface SpawnOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  uid?: number;
  gid?: number;
  /** Bytes of stdout and of stderr kept each; older output is dropped. */
  maxOutputBytes?: number;
}

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ManagedProcess {
  readonly pid: number;
  stdout(): string;
  stderr(): string;
  /** Settles when the process has exited, for whatever reason. */
  readonly exited: Promise<ExitInfo>;
  exitInfo(): ExitInfo | undefined;
  /** Sends `signal`, waits up to `timeoutMs` for the exit, then kills it. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<ExitInfo>;
}

/** Spawns a long-running child whose output is kept (bounded) and which dies with the test process. */
export function spawnManaged(
  command: string,
  args: readonly string[],
  options: SpawnOptions = {},
): ManagedProcess {
  const maxBytes = options.maxOutputBytes ?? 1024 * 1024;
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.uid === undefined ? {} : { uid: options.uid }),
    ...(options.gid === undefined ? {} : { gid: options.gid }),
  });
  if (child.pid === undefined) {
    // spawn reports ENOENT asynchronously; without a pid there is nothing to manage.
    throw new Error(`could not start ${command}: no process id (is it installed?)`);
  }
  const pid = child.pid;
  const forget = killOnExit(pid);
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    out = keepTail(out + chunk, maxBytes);
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    err = keepTail(err + chunk, maxBytes);
  });
  let info: ExitInfo | undefined;
  const exited = new Promise<ExitInfo>((resolve) => {
    child.once('error', (error) => {
      err += `\n[spawn error] ${error.message}`;
    });
    child.once('close', (code, signal) => {
      info = { code, signal };
      forget();
      resolve(info);
    });
  });

  return {
    pid,
    stdout: () => out,
    stderr: () => err,
    exited,
    exitInfo: () => info,
    async stop(signal = 'SIGTERM', timeoutMs = 10_000) {
      if (info) return info;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

function keepTail(text: string, maxBytes: number): string {
  return text.length > maxBytes ? text.slice(text.length - maxBytes) : text;
}
