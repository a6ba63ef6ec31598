import { spawn } from 'node:child_process';
import type { Duplex } from 'node:stream';
import { BWRAP_FDS } from './bwrap-args.js';
import { type Supervised, supervise } from './child-supervisor.js';
import { SandboxError } from './errors.js';
import type { SandboxIdentity } from './path-access.js';
import { childPids, isProcessAlive, processStartTicks, waitForProcessGone } from './process-liveness.js';

export interface BwrapLaunch {
  bwrapPath: string;
  args: string[];
  /** The command's environment; bwrap passes its own environment on unchanged. */
  env: Record<string, string>;
  /** Run bwrap as this user (the orchestrator is root); otherwise as the orchestrator. */
  identity?: SandboxIdentity;
  seccomp?: Buffer;
  hosts: string;
  timeLimitMs: number;
  maxOutputBytes: number;
  onStderrLine?: (line: string) => void;
  signal?: AbortSignal;
}

export interface BwrapOutcome extends Supervised {
  /** The launcher inside ran: the sandbox was fully set up and the command was about to start. */
  ready: boolean;
}

// Once its init is killed the kernel ends the pid namespace; this bounds the wait for that, which
// normally takes a few milliseconds.
const TEARDOWN_TIMEOUT_MS = 5000;

/**
 * Runs bubblewrap once: feeds it the seccomp program and the hosts file on their descriptors,
 * learns the sandbox init's pid from its status descriptor and readiness from the launcher, and
 * on time limit or abort kills the init and bwrap with SIGKILL. There is nothing to stop
 * gracefully: the pid namespace dies with its init, and every mount with the mount namespace. The
 * result is returned only once the init is gone, and with it every process that ran inside.
 */
export async function launchBwrap(launch: BwrapLaunch): Promise<BwrapOutcome> {
  const spawnedAt = performance.now();
  const child = spawn(launch.bwrapPath, launch.args, {
    env: launch.env,
    ...(launch.identity === undefined ? {} : { uid: launch.identity.uid, gid: launch.identity.gid }),
    stdio: [
      'ignore',
      'pipe',
      'pipe',
      'pipe',
      launch.seccomp === undefined ? 'ignore' : 'pipe',
      'pipe',
      'pipe',
    ],
  });
  // Descriptors past stderr are sockets (socketpairs) the typings know only up to index 4.
  const pipes: unknown[] = [...child.stdio];
  const pipe = (fd: number): Duplex | undefined => (pipes[fd] ?? undefined) as Duplex | undefined;
  feed(pipe(BWRAP_FDS.seccomp), launch.seccomp);
  feed(pipe(BWRAP_FDS.hosts), Buffer.from(launch.hosts));

  let readyMs: number | undefined;
  const ready = pipe(BWRAP_FDS.ready);
  ready?.on('error', () => undefined);
  ready?.once('data', () => {
    readyMs = performance.now() - spawnedAt;
  });
  ready?.resume();

  let init: Init | undefined;
  const status = pipe(BWRAP_FDS.status);
  let statusText = '';
  status?.on('error', () => undefined);
  status?.setEncoding('utf8');
  status?.on('data', (text: string) => {
    statusText += text;
    init ??= parseChildPid(statusText);
  });

  const outcome = await supervise({
    child,
    spawnedAt,
    timeLimitMs: launch.timeLimitMs,
    maxOutputBytes: launch.maxOutputBytes,
    onStderrLine: launch.onStderrLine,
    signal: launch.signal,
    stop: () => {
      init = stopSandbox(child.pid, init);
      child.kill('SIGKILL');
    },
    afterExit: async () => {
      // On a normal exit bwrap has already reaped the init; after a kill, the teardown is ours to
      // wait for. No start time means the init was gone before its pid was even read.
      if (init?.startTicks === undefined) return;
      try {
        await waitForProcessGone(init.pid, init.startTicks, TEARDOWN_TIMEOUT_MS);
      } catch (error: unknown) {
        const message = `sandbox init (pid ${init.pid}) still running ${TEARDOWN_TIMEOUT_MS} ms after bwrap ended`;
        throw new SandboxError('FB_SANDBOX_TEARDOWN_FAILED', message, { cause: error });
      }
    },
  });
  if (readyMs !== undefined) outcome.result.readyMs = readyMs;
  return { ...outcome, ready: readyMs !== undefined };
}

type Init = { pid: number; startTicks: string | undefined };

/**
 * Freezes bwrap, then kills the sandbox init (pid 1 of the sandbox: the pid namespace dies with
 * it) and returns it. Killing bwrap alone is not enough: killed in the instant after it started
 * the init, the init may not have armed --die-with-parent yet, and goes on to run the command.
 * Stopped, bwrap cannot start an init any more, so its children are all there is to kill.
 */
function stopSandbox(bwrapPid: number | undefined, known: Init | undefined): Init | undefined {
  let init = known;
  if (bwrapPid !== undefined) {
    try {
      process.kill(bwrapPid, 'SIGSTOP');
      for (const pid of childPids(bwrapPid)) init = { pid, startTicks: processStartTicks(pid) };
    } catch {
      // bwrap already gone: whatever it started is the known init
    }
  }
  if (init !== undefined && isProcessAlive(init.pid, init.startTicks)) {
    try {
      process.kill(init.pid, 'SIGKILL');
    } catch {
      // exited meanwhile
    }
  }
  return init;
}

function feed(socket: Duplex | undefined, data: Buffer | undefined): void {
  if (socket === undefined || data === undefined) return;
  // bwrap may exit before reading (a bad argument): a broken pipe here is not the error to report.
  socket.on('error', () => undefined);
  socket.end(data);
  // Reading to the end lets the socket close, which the child's `close` event waits for.
  socket.resume();
}

function parseChildPid(statusText: string): Init | undefined {
  const match = /"child-pid"\s*:\s*(\d+)/.exec(statusText);
  if (match?.[1] === undefined) return undefined;
  const pid = Number(match[1]);
  return { pid, startTicks: processStartTicks(pid) };
}
