/**
 * Starting a Firecracker microVM ready for a job, from the image's snapshot (made on first use)
 * or booted cold. The agent's channel is the guest's serial console, which Firecracker connects
 * to its own stdin and stdout. Firecracker boots an uncompressed kernel (`vmlinux`), taken from
 * the guest kernel directory.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { SandboxError } from '../errors.js';
import { OutputTail } from '../output-tail.js';
import { signalGroup, waitForGroupGone } from '../process-group.js';
import { AgentChannel } from './agent-channel.js';
import {
  bootGuest,
  FirecrackerApi,
  restoreGuest,
  type SnapshotFiles,
  snapshotGuest,
} from './firecracker-api.js';
import type { GuestVm, LaunchedVm } from './guest-vm.js';
import type { GuestImage } from './image-build.js';
import { connectWhenListening } from './unix-connect.js';

export interface FirecrackerOptions {
  firecrackerPath: string;
  memoryMb: number;
  snapshots: boolean;
  bootTimeoutMs: number;
}

export const FIRECRACKER_BOOT_ARGS =
  'console=ttyS0 quiet reboot=k panic=1 pci=off flashback.channel=/dev/ttyS0';

class FirecrackerVm implements GuestVm {
  readonly channel: AgentChannel;
  readonly api: FirecrackerApi;
  readonly #child: ChildProcess;
  readonly #console = new OutputTail(64 * 1024);

  constructor(child: ChildProcess, socketPath: string) {
    this.#child = child;
    this.api = new FirecrackerApi(socketPath);
    if (child.stdout === null || child.stdin === null) throw new Error('firecracker spawned without pipes');
    this.channel = new AgentChannel(child.stdout, child.stdin, (line) =>
      this.#console.push(Buffer.from(`${line}\n`)),
    );
    child.stderr?.on('data', (chunk: Buffer) => this.#console.push(chunk));
  }

  consoleText(): string {
    return this.#console.text();
  }

  whenExited(): Promise<unknown> {
    return this.#child.exitCode !== null || this.#child.signalCode !== null
      ? Promise.resolve()
      : once(this.#child, 'exit');
  }

  async destroy(): Promise<void> {
    const pid = this.#child.pid;
    if (pid !== undefined && signalGroup(pid, 'SIGKILL')) await waitForGroupGone(pid, 5000);
  }
}

export async function launchFirecracker(
  image: GuestImage,
  runDir: string,
  options: FirecrackerOptions,
): Promise<LaunchedVm> {
  const vmlinux = join(dirname(image.kernel.vmlinuz), 'vmlinux');
  if (!existsSync(vmlinux)) {
    throw new SandboxError(
      'FB_SANDBOX_UNAVAILABLE',
      `Firecracker boots an uncompressed kernel; none at ${vmlinux}`,
    );
  }
  const files: SnapshotFiles = {
    snapshotPath: join(image.dir, `firecracker-${options.memoryMb}m.vmstate`),
    memPath: join(image.dir, `firecracker-${options.memoryMb}m.mem`),
  };
  let snapshotMade = false;
  if (options.snapshots && !existsSync(files.memPath)) {
    await makeSnapshot(image, vmlinux, files, options);
    snapshotMade = true;
  }
  const started = performance.now();
  const vm = await start(options.firecrackerPath, runDir);
  try {
    if (options.snapshots) await restoreGuest(vm.api, files);
    else await bootGuest(vm.api, bootConfig(image, vmlinux, options.memoryMb));
    vm.channel.send({ t: 'hello' });
    await vm.channel.next('ready', options.bootTimeoutMs);
  } catch (error: unknown) {
    await vm.destroy();
    const why = error instanceof Error ? error.message : String(error);
    throw new SandboxError('FB_SANDBOX_VM_FAILED', `the Firecracker microVM did not become ready: ${why}`, {
      cause: error,
    });
  }
  return {
    vm,
    start: options.snapshots ? 'restored' : 'cold',
    readyMs: performance.now() - started,
    snapshotMade,
  };
}

async function makeSnapshot(
  image: GuestImage,
  vmlinux: string,
  files: SnapshotFiles,
  options: FirecrackerOptions,
): Promise<void> {
  const runDir = join(image.dir, `boot-${process.pid}-${randomBytes(4).toString('hex')}`);
  await mkdir(runDir, { recursive: true });
  const vm = await start(options.firecrackerPath, runDir);
  try {
    await bootGuest(vm.api, bootConfig(image, vmlinux, options.memoryMb));
    vm.channel.send({ t: 'hello' });
    await vm.channel.next('ready', options.bootTimeoutMs);
    const partial = { snapshotPath: join(runDir, 'vmstate'), memPath: join(runDir, 'mem') };
    await snapshotGuest(vm.api, partial);
    await rename(partial.snapshotPath, files.snapshotPath);
    await rename(partial.memPath, files.memPath);
  } finally {
    await vm.destroy();
    await rm(runDir, { recursive: true, force: true });
  }
}

async function start(firecrackerPath: string, runDir: string): Promise<FirecrackerVm> {
  const socketPath = join(runDir, 'firecracker.sock');
  const child = spawn(firecrackerPath, ['--api-sock', socketPath], {
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  const vm = new FirecrackerVm(child, socketPath);
  try {
    (await connectWhenListening(socketPath, 10_000, () => exited)).destroy();
  } catch (error: unknown) {
    await vm.destroy();
    throw new SandboxError(
      'FB_SANDBOX_VM_FAILED',
      `firecracker did not start: ${vm.consoleText() || String(error)}`,
      { cause: error },
    );
  }
  return vm;
}

function bootConfig(image: GuestImage, vmlinux: string, memoryMb: number) {
  return {
    kernel: vmlinux,
    initrd: image.initrd,
    bootArgs: FIRECRACKER_BOOT_ARGS,
    rootfs: image.rootfs,
    memoryMb,
  };
}
