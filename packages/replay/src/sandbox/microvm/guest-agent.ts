/**
 * The guest agent: the microVM's first process after the init script. It waits on its channel
 * (a virtio-serial port under QEMU, the serial console under Firecracker) for the host, says it is
 * ready, and runs one command for one `run` message: fresh clock, entropy and identity first, then
 * the command in the work directory, its output forwarded line by line, and at its exit the work
 * directory's files sent back. The VM is thrown away afterwards; the agent never cleans up.
 *
 * Plain Node with no dependencies: it is copied into the guest image as it is.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  openSync,
  read,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import {
  decodeHostFrame,
  encodeFrame,
  type GuestMessage,
  RESEED_HELPER,
  type RunMessage,
  type StandbyMessage,
} from './agent-protocol.js';

// Everything sent back must fit the channel comfortably; the verdict and packages are small.
const MAX_RETURN_BYTES = 32 * 1024 * 1024;
const IDLE_POLL_MS = 2;

const channelPath = await channelDevice(channelFromCmdline());
if (channelPath.startsWith('/dev/tty')) {
  // A serial console: no echo, no line editing, no CR/LF translation.
  execFileSync('stty', ['-F', channelPath, 'raw', '-echo']);
}
const channel = openSync(channelPath, 'r+');
let child: ChildProcess | undefined;
/** Started ahead by a `standby` message; becomes `child` when a run gives it its input. */
let standby: ChildProcess | undefined;

function send(message: GuestMessage): void {
  const bytes = Buffer.from(encodeFrame(message));
  for (let at = 0; at < bytes.length; ) at += writeSync(channel, bytes, at);
}

/**
 * Reads the channel forever. A virtio-serial port reads 0 bytes while no host is connected: before
 * a run that is the host not there yet (or a snapshot being restored), so keep polling; during a
 * run it is the host gone, and with it any reason to go on.
 */
async function readLoop(): Promise<void> {
  const buffer = Buffer.alloc(64 * 1024);
  let pending = '';
  for (;;) {
    const n = await readAsync(buffer);
    if (n === 0) {
      if (child !== undefined) hostGone();
      await new Promise((resolve) => setTimeout(resolve, IDLE_POLL_MS));
      continue;
    }
    pending += buffer.toString('utf8', 0, n);
    let newline = pending.indexOf('\n');
    while (newline >= 0) {
      handle(pending.slice(0, newline));
      pending = pending.slice(newline + 1);
      newline = pending.indexOf('\n');
    }
  }
}

function readAsync(buffer: Buffer): Promise<number> {
  // Blocking reads happen on the libuv pool, so timers and child output go on meanwhile.
  return new Promise((resolve, reject) => {
    read(channel, buffer, 0, buffer.length, null, (error, n) => (error ? reject(error) : resolve(n)));
  });
}

function handle(line: string): void {
  const message = decodeHostFrame(line);
  if (message === undefined) return;
  if (message.t === 'hello') {
    send({
      t: 'ready',
      uptimeMs: Math.round(Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]) * 1000),
    });
    return;
  }
  if (child !== undefined) return;
  const work = message.t === 'standby' ? startStandby(message) : run(message);
  work.catch((error: unknown) => {
    send({ t: 'fault', message: error instanceof Error ? error.message : String(error) });
  });
}

async function run(job: RunMessage): Promise<void> {
  freshState(job);
  await writeFile('/etc/hosts', job.hosts);
  await mkdir(job.workDir, { recursive: true });
  for (const [name, base64] of Object.entries(job.files)) {
    const path = join(job.workDir, name);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, Buffer.from(base64, 'base64'));
  }
  if (standby !== undefined && standby.exitCode === null && job.standbyInput !== undefined) {
    child = standby;
    forward(child, job.workDir);
    child.stdin?.end(`${job.standbyInput}\n`);
    send({ t: 'started', standby: true });
    return;
  }
  const [file, ...args] = job.command as [string, ...string[]];
  const started = spawn(file, args, {
    cwd: job.cwd,
    env: job.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = started;
  started.once('spawn', () => send({ t: 'started' }));
  started.once('error', (error) => send({ t: 'fault', message: `cannot start ${file}: ${error.message}` }));
  forward(started, job.workDir);
}

/** The run's process output to the host, line by line for stderr; at its end, the work directory. */
function forward(running: ChildProcess, workDir: string): void {
  let errText = '';
  running.stderr?.setEncoding('utf8').on('data', (text: string) => {
    errText += text;
    let newline = errText.indexOf('\n');
    while (newline >= 0) {
      send({ t: 'stderr', line: errText.slice(0, newline) });
      errText = errText.slice(newline + 1);
      newline = errText.indexOf('\n');
    }
  });
  running.stdout?.setEncoding('utf8').on('data', (data: string) => send({ t: 'stdout', data }));
  // A standby process's streams were paused once it was ready.
  running.stderr?.resume();
  running.stdout?.resume();
  running.once('close', (code, signal) => {
    if (errText !== '') send({ t: 'stderr', line: errText });
    send({ t: 'exit', code, signal, ...collect(workDir) });
  });
}

/**
 * Starts the standby process and answers once it says it waits. What it wrote until then stays
 * here (a snapshot follows); if it ends first, the agent faults with its last output.
 */
async function startStandby(message: StandbyMessage): Promise<void> {
  const startedAt = performance.now();
  const [file, ...args] = message.command as [string, ...string[]];
  const waiting = spawn(file, args, {
    cwd: '/',
    env: message.env,
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  standby = waiting;
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onOutput = (text: Buffer): void => {
      output = (output + text.toString('utf8')).slice(-4000);
      if (output.includes(message.readyLine)) {
        waiting.stderr?.off('data', onOutput).pause();
        waiting.stdout?.off('data', onOutput).pause();
        waiting.off('exit', onExit);
        resolve();
      }
    };
    const onExit = (code: number | null): void => {
      reject(new Error(`the standby process ended (code ${code}) before it was ready:\n${output}`));
    };
    waiting.stderr?.on('data', onOutput);
    waiting.stdout?.on('data', onOutput);
    waiting.once('exit', onExit);
    waiting.once('error', reject);
  });
  send({ t: 'standing-by', ms: Math.round(performance.now() - startedAt) });
}

/**
 * A restored snapshot would otherwise repeat the random state, clock and names of the moment it
 * was taken. The seed goes into the kernel's pool before any new process asks it for randomness.
 */
function freshState(job: RunMessage): void {
  const urandom = openSync('/dev/urandom', 'w');
  writeSync(urandom, Buffer.from(job.seed, 'hex'));
  closeSync(urandom);
  execFileSync(RESEED_HELPER);
  execFileSync('date', ['-u', '-s', `@${Math.round(job.clockMs / 1000)}`], { stdio: 'ignore' });
  execFileSync('hostname', [job.runId.slice(0, 63)]);
  writeFileSync('/etc/machine-id', `${job.runId.replaceAll('-', '').slice(0, 32)}\n`);
}

function collect(workDir: string): { files: Record<string, string>; skipped: string[] } {
  const files: Record<string, string> = {};
  const skipped: string[] = [];
  let total = 0;
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      if (!entry.isFile()) continue;
      const size = statSync(path).size;
      if (total + size > MAX_RETURN_BYTES) {
        skipped.push(relative(workDir, path));
        continue;
      }
      total += size;
      files[relative(workDir, path)] = readFileSync(path).toString('base64');
    }
  };
  walk(workDir);
  return { files, skipped };
}

function hostGone(): void {
  if (child?.pid !== undefined) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  // The agent is the VM's init: its exit panics the kernel, which ends the VM (-no-reboot).
  process.exit(1);
}

/**
 * The channel's device: a path as given (a serial console), or the virtio-serial port of that
 * name, which appears a moment after the driver loads (from the device's control queue).
 */
async function channelDevice(channel: string): Promise<string> {
  if (channel.startsWith('/dev/')) return channel;
  for (let waited = 0; waited < 10_000; waited += 5) {
    const ports = existsSync('/sys/class/virtio-ports') ? readdirSync('/sys/class/virtio-ports') : [];
    const port = ports.find(
      (p) => readFileSync(`/sys/class/virtio-ports/${p}/name`, 'utf8').trim() === channel,
    );
    if (port !== undefined && existsSync(`/dev/${port}`)) return `/dev/${port}`;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`no virtio-serial port named ${channel}`);
}

function channelFromCmdline(): string {
  const cmdline = readFileSync('/proc/cmdline', 'utf8');
  return /(?:^|\s)flashback\.channel=(\S+)/.exec(cmdline)?.[1] ?? '/dev/ttyS0';
}

await readLoop();
