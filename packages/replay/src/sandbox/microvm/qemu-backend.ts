/**
 * Starting a QEMU microVM that is ready for a job: restored from the image's snapshot (made on
 * first use: boot once, wait for the agent — and for the standby process when there is one —
 * save the state) or, with snapshots off, booted cold.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { SandboxError } from '../errors.js';
import type { GuestMessage, HostMessage } from './agent-protocol.js';
import type { LaunchedVm } from './guest-vm.js';
import type { GuestImage } from './image-build.js';
import type { Accel } from './qemu-args.js';
import { QemuVm } from './qemu-vm.js';

const SAVE_TIMEOUT_MS = 120_000;

export interface QemuBackendOptions {
  qemuPath: string;
  accel: Accel;
  memoryMb: number;
  vcpus: number;
  tscKhz?: number;
  snapshots: boolean;
  bootTimeoutMs: number;
  /** Started before the snapshot is saved, so that every restore finds it loaded and waiting. */
  standby?: GuestStandby;
}

export interface GuestStandby {
  command: string[];
  env: Record<string, string>;
  readyLine: string;
}

export async function launchQemu(
  image: GuestImage,
  runDir: string,
  options: QemuBackendOptions,
): Promise<LaunchedVm> {
  let snapshotMade = false;
  let incoming: string | undefined;
  if (options.snapshots) {
    const file = join(
      image.dir,
      `qemu-${options.accel}-${options.memoryMb}m-${options.vcpus}cpu${standbyKey(options.standby)}.state`,
    );
    if (!existsSync(file)) {
      await makeSnapshot(image, file, options);
      snapshotMade = true;
    }
    incoming = file;
  }
  const started = performance.now();
  const vm = await QemuVm.start({
    ...launchOf(image, runDir, options),
    ...(incoming === undefined ? {} : { incoming }),
  });
  try {
    await agentReady(vm, options.bootTimeoutMs);
  } catch (error: unknown) {
    await vm.destroy();
    throw error;
  }
  return {
    vm,
    start: incoming === undefined ? 'cold' : 'restored',
    standby: incoming !== undefined && options.standby !== undefined,
    readyMs: performance.now() - started,
    snapshotMade,
  };
}

/** Boots the image, waits until the agent has loaded, and saves the whole VM to `file`. */
async function makeSnapshot(image: GuestImage, file: string, options: QemuBackendOptions): Promise<void> {
  const runDir = join(image.dir, `boot-${process.pid}-${randomBytes(4).toString('hex')}`);
  await mkdir(runDir, { recursive: true });
  const vm = await QemuVm.start(launchOf(image, runDir, options));
  try {
    await agentReady(vm, options.bootTimeoutMs);
    if (options.standby !== undefined) await standbyReady(vm, options.standby, options.bootTimeoutMs);
    const partial = join(runDir, 'state');
    await vm.saveState(partial, SAVE_TIMEOUT_MS);
    // Made by a concurrent run meanwhile: either is as good.
    await rename(partial, file);
  } finally {
    await vm.destroy();
    await rm(runDir, { recursive: true, force: true });
  }
}

function agentReady(vm: QemuVm, timeoutMs: number): Promise<void> {
  return askAgent(vm, { t: 'hello' }, 'ready', timeoutMs, 'the microVM did not become ready');
}

function standbyReady(vm: QemuVm, standby: GuestStandby, timeoutMs: number): Promise<void> {
  const failure = "the microVM's standby process did not get ready";
  return askAgent(vm, { t: 'standby', ...standby }, 'standing-by', timeoutMs, failure);
}

/** Sends `message` to the guest agent and waits for `reply`; a failure shows the console's last lines. */
async function askAgent(
  vm: QemuVm,
  message: HostMessage,
  reply: GuestMessage['t'],
  timeoutMs: number,
  failure: string,
): Promise<void> {
  vm.channel.send(message);
  try {
    await vm.channel.next(reply, timeoutMs);
  } catch (error: unknown) {
    const why = error instanceof Error ? error.message : String(error);
    const console = vm.consoleText().trim().split('\n').slice(-15).join('\n');
    throw new SandboxError('FB_SANDBOX_VM_FAILED', `${failure}: ${why}${console ? `\n${console}` : ''}`, {
      cause: error,
    });
  }
}

/** Snapshots with different standby processes (or none) are different files. */
function standbyKey(standby: GuestStandby | undefined): string {
  if (standby === undefined) return '';
  const hash = createHash('sha256')
    .update(JSON.stringify([standby.command, standby.env]))
    .digest('hex');
  return `-standby-${hash.slice(0, 12)}`;
}

function launchOf(image: GuestImage, runDir: string, options: QemuBackendOptions) {
  return {
    qemuPath: options.qemuPath,
    accel: options.accel,
    memoryMb: options.memoryMb,
    vcpus: options.vcpus,
    image,
    runDir,
    ...(options.tscKhz === undefined ? {} : { tscKhz: options.tscKhz }),
  };
}
