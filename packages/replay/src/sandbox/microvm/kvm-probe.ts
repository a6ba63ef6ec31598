/**
 * Whether a guest actually boots under KVM here. `/dev/kvm` opening and `KVM_CREATE_VM` working is
 * not enough: under nested virtualisation guests have been seen to hang right after the firmware
 * hands over. So the probe boots a tiny guest (kernel + a busybox initramfs that prints a line and
 * powers off) with a time limit. The answer is kept per host boot in the cache directory.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildProbeInitramfs, PROBE_MARKER } from './guest-init.js';
import type { GuestKernel } from './guest-kernel.js';
import { qemuBootArgs } from './qemu-args.js';

export const KVM_PROBE_TIMEOUT_MS = 8_000;

export interface KvmVerdict {
  usable: boolean;
  detail: string;
}

export interface KvmProbeInput {
  qemuPath: string;
  kernel: GuestKernel;
  busybox: string;
  cacheDir: string;
}

/** `/dev/kvm` readable and writable by us, or why not. */
export function kvmDeviceProblem(): string | undefined {
  try {
    accessSync('/dev/kvm', constants.R_OK | constants.W_OK);
    return undefined;
  } catch (error: unknown) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? 'no /dev/kvm' : `/dev/kvm not usable (${code})`;
  }
}

export async function probeKvm(input: KvmProbeInput): Promise<KvmVerdict> {
  const problem = kvmDeviceProblem();
  if (problem !== undefined) return { usable: false, detail: problem };
  const cacheFile = join(input.cacheDir, 'kvm-probe.json');
  const key = `${bootId()} ${input.kernel.release} ${input.qemuPath}`;
  try {
    const cached = JSON.parse(await readFile(cacheFile, 'utf8')) as KvmVerdict & { key: string };
    if (cached.key === key) return { usable: cached.usable, detail: cached.detail };
  } catch {
    // not probed yet on this boot
  }
  const verdict = await bootProbe(input);
  await mkdir(input.cacheDir, { recursive: true });
  await writeFile(cacheFile, JSON.stringify({ key, ...verdict }));
  return verdict;
}

async function bootProbe(input: KvmProbeInput): Promise<KvmVerdict> {
  const dir = join(input.cacheDir, `kvm-probe-${process.pid}`);
  await mkdir(dir, { recursive: true });
  const initrd = join(dir, 'probe.cpio');
  await writeFile(initrd, buildProbeInitramfs(input.busybox));
  const started = performance.now();
  try {
    const output = await new Promise<string>((resolve) => {
      execFile(
        input.qemuPath,
        kvmProbeArgs(input.kernel.vmlinuz, initrd),
        { timeout: KVM_PROBE_TIMEOUT_MS, killSignal: 'SIGKILL', maxBuffer: 4 * 2 ** 20 },
        (_error, stdout, stderr) => resolve(`${stdout}${stderr}`),
      );
    });
    const ms = Math.round(performance.now() - started);
    if (output.includes(PROBE_MARKER))
      return { usable: true, detail: `a KVM guest booted to userspace in ${ms} ms` };
    const qemuSaid = output.split('\n').find((line) => line.startsWith('qemu-system'));
    return {
      usable: false,
      detail:
        qemuSaid ??
        `a KVM guest did not reach userspace within ${KVM_PROBE_TIMEOUT_MS} ms (seen under nested KVM)`,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The probe guest: the microVM boot under KVM, and nothing else (it prints a line and powers off). */
export function kvmProbeArgs(vmlinuz: string, initrd: string): string[] {
  return qemuBootArgs({ accel: 'kvm', memoryMb: 128, vcpus: 1, vmlinuz, initrd });
}

function bootId(): string {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return 'unknown-boot';
  }
}
