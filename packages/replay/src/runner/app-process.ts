/**
 * The app under reproduction, as a child of the runner in its own process group, so stopping it
 * reaches whatever it spawned: `sh -c "<start>"` (npm, a shell, node), or an app loaded ahead
 * (see warm-app.ts).
 */
import { type ChildProcess, spawn } from 'node:child_process';

export interface AppExit {
  code: number | null;
  signal: string | null;
}

export interface AppProcess {
  pid: number;
  /** Resolves when the app has exited. */
  exited: Promise<AppExit>;
  /** The exit, once it happened. */
  exit(): AppExit | undefined;
  /** The last bytes the app wrote to stderr (and stdout, interleaved as received). */
  log(): string;
  /** SIGTERM to the group, SIGKILL after `graceMs`; resolves once the app has exited. */
  stop(graceMs?: number): Promise<AppExit>;
}

const LOG_KEPT = 16 * 1024;

export function startApp(command: string, cwd: string, env: Record<string, string>): AppProcess {
  const child = spawn('/bin/sh', ['-c', command], {
    cwd,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return superviseApp(child, '/bin/sh');
}

/** Watches a child started `detached` (leading its own process group) as the app. */
export function superviseApp(child: ChildProcess, what: string): AppProcess {
  let log = '';
  const keep = (chunk: Buffer): void => {
    log = (log + chunk.toString('utf8')).slice(-LOG_KEPT);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exit: AppExit | undefined;
  const exited = new Promise<AppExit>((resolve) => {
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      resolve(exit);
    });
    child.once('error', (error) => {
      keep(Buffer.from(`cannot start ${what}: ${error.message}\n`));
      exit ??= { code: null, signal: null };
      resolve(exit);
    });
  });
  const signalGroup = (signal: NodeJS.Signals): void => {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // The group is already gone.
    }
  };
  return {
    pid: child.pid ?? -1,
    exited,
    exit: () => exit,
    log: () => log,
    async stop(graceMs = 3000) {
      // Even after the shell exited, something it started may still hold the group.
      signalGroup('SIGTERM');
      const timer = setTimeout(() => signalGroup('SIGKILL'), graceMs);
      const result = await exited;
      clearTimeout(timer);
      signalGroup('SIGKILL');
      return result;
    },
  };
}
