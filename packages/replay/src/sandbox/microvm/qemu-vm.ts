/**
 * One QEMU microVM process: booted from the image or restored from a saved state, with the guest
 * agent's channel connected. QEMU leads its own process group; `destroy` kills the group and
 * waits until it is gone. Its sockets live in `runDir`, inside the run's work directory, so the
 * stale-work-directory sweep also finds (by argv) a QEMU whose orchestrator was killed.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { SandboxError } from '../errors.js';
import { OutputTail } from '../output-tail.js';
import { signalGroup, waitForGroupGone } from '../process-group.js';
import { AgentChannel } from './agent-channel.js';
import type { GuestVm } from './guest-vm.js';
import type { GuestImage } from './image-build.js';
import { type Accel, qemuArgs } from './qemu-args.js';
import { QmpClient } from './qmp-client.js';
import { connectWhenListening } from './unix-connect.js';

const CONNECT_TIMEOUT_MS = 10_000;
const TEARDOWN_MS = 5_000;

export interface QemuLaunch {
  qemuPath: string;
  accel: Accel;
  memoryMb: number;
  vcpus: number;
  image: GuestImage;
  runDir: string;
  tscKhz?: number;
  /** Restore this saved state instead of booting. */
  incoming?: string;
}

export class QemuVm implements GuestVm {
  readonly channel: AgentChannel;
  readonly #child: ChildProcess;
  readonly #qmp: QmpClient;
  readonly #console: OutputTail;

  private constructor(child: ChildProcess, channel: AgentChannel, qmp: QmpClient, console: OutputTail) {
    this.#child = child;
    this.channel = channel;
    this.#qmp = qmp;
    this.#console = console;
  }

  /** @throws SandboxError `FB_SANDBOX_VM_FAILED` when QEMU exits or its sockets do not come up. */
  static async start(launch: QemuLaunch): Promise<QemuVm> {
    const agentSocket = join(launch.runDir, 'agent.sock');
    const qmpSocket = join(launch.runDir, 'qmp.sock');
    const args = qemuArgs({
      accel: launch.accel,
      memoryMb: launch.memoryMb,
      vcpus: launch.vcpus,
      vmlinuz: launch.image.kernel.vmlinuz,
      initrd: launch.image.initrd,
      rootfs: launch.image.rootfs,
      agentSocket,
      qmpSocket,
      pidFile: join(launch.runDir, 'qemu.pid'),
      ...(launch.tscKhz === undefined ? {} : { tscKhz: launch.tscKhz }),
      ...(launch.incoming === undefined ? {} : { incoming: launch.incoming }),
    });
    const child = spawn(launch.qemuPath, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const console = new OutputTail(64 * 1024);
    child.stdout?.on('data', (chunk: Buffer) => console.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => console.push(chunk));
    let exited = false;
    child.once('exit', () => {
      exited = true;
    });
    child.once('error', () => {
      exited = true;
    });
    try {
      const agent = await connectWhenListening(agentSocket, CONNECT_TIMEOUT_MS, () => exited);
      const qmp = new QmpClient(await connectWhenListening(qmpSocket, CONNECT_TIMEOUT_MS, () => exited));
      await qmp.open();
      if (launch.incoming !== undefined) await resumeIncoming(qmp, CONNECT_TIMEOUT_MS);
      return new QemuVm(child, new AgentChannel(agent, agent), qmp, console);
    } catch (error: unknown) {
      await destroyProcess(child);
      const why = console.text().trim() || (error instanceof Error ? error.message : String(error));
      throw new SandboxError('FB_SANDBOX_VM_FAILED', `QEMU did not start: ${why}`, { cause: error });
    }
  }

  /** The kernel console and QEMU's own messages, last 64 KiB. */
  consoleText(): string {
    return this.#console.text();
  }

  get exited(): boolean {
    return this.#child.exitCode !== null || this.#child.signalCode !== null;
  }

  /** Resolves when QEMU exits. */
  whenExited(): Promise<unknown> {
    return this.exited ? Promise.resolve() : once(this.#child, 'exit');
  }

  /** Stops the guest and writes its whole state (RAM and devices) to `file`, for `incoming`. */
  async saveState(file: string, timeoutMs: number): Promise<void> {
    await this.#qmp.execute('stop');
    await this.#qmp.execute('migrate', { uri: `exec:cat > '${file.replaceAll("'", `'\\''`)}'` });
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const info = (await this.#qmp.execute('query-migrate')) as { status?: string; 'error-desc'?: string };
      if (info.status === 'completed') return;
      if (info.status === 'failed' || info.status === 'cancelled') {
        throw new SandboxError(
          'FB_SANDBOX_VM_FAILED',
          `saving the VM state failed: ${info['error-desc'] ?? info.status}`,
        );
      }
      if (performance.now() > deadline)
        throw new SandboxError('FB_SANDBOX_VM_FAILED', `saving the VM state took over ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Kills QEMU (the whole group) and waits until it is gone. Safe to call more than once. */
  async destroy(): Promise<void> {
    this.#qmp.close();
    await destroyProcess(this.#child);
  }
}

/**
 * Waits until the saved state is loaded, then lets the guest run: it was saved stopped, and a
 * restored VM keeps the run state it was saved in.
 */
async function resumeIncoming(qmp: QmpClient, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const { status } = (await qmp.execute('query-status')) as { status: string };
    if (status === 'paused' || status === 'postmigrate') break;
    if (status === 'running') return;
    if (status !== 'inmigrate') throw new Error(`the restored VM is ${status}`);
    if (performance.now() > deadline) throw new Error(`restoring the saved state took over ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  await qmp.execute('cont');
}

async function destroyProcess(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  if (signalGroup(pid, 'SIGKILL')) await waitForGroupGone(pid, TEARDOWN_MS);
  if (child.exitCode === null && child.signalCode === null) await once(child, 'exit').catch(() => undefined);
}
