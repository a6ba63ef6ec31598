/**
 * Which virtual machine monitors can run a microVM here, and why not: Firecracker where its binary
 * and a usable KVM are present, QEMU's microvm machine otherwise, with KVM when a guest actually
 * boots under it and TCG (software emulation) when not.
 */
import { findExecutable } from '../executable-lookup.js';
import { findGuestKernel, type GuestKernel } from './guest-kernel.js';
import { type KvmVerdict, kvmDeviceProblem, probeKvm } from './kvm-probe.js';
import type { Accel } from './qemu-args.js';

export interface BackendStatus {
  available: boolean;
  detail: string;
}

export type ChosenBackend =
  | { kind: 'qemu'; qemuPath: string; accel: Accel; detail: string }
  | { kind: 'firecracker'; firecrackerPath: string; detail: string };

export interface VmmReport {
  kernel: GuestKernel | { missing: string };
  kvm: KvmVerdict;
  qemu: BackendStatus;
  firecracker: BackendStatus;
  /** What a run uses; undefined when nothing can run (`reason` says why). */
  chosen?: ChosenBackend;
  reason: string;
}

export interface DetectOptions {
  cacheDir: string;
  busybox: string;
  kernelDir?: string;
  /** Force a backend or an accelerator instead of the best available. */
  vmm?: 'auto' | 'qemu' | 'firecracker';
  accel?: 'auto' | Accel;
}

export async function detectVmm(options: DetectOptions): Promise<VmmReport> {
  const kernel = findGuestKernel(options.kernelDir);
  const qemuPath = findExecutable('qemu-system-x86_64');
  const firecrackerPath = findExecutable('firecracker');
  const kvm: KvmVerdict =
    'missing' in kernel || qemuPath === undefined
      ? {
          usable: false,
          detail: kvmDeviceProblem() ?? 'not probed: no QEMU or guest kernel to boot a probe with',
        }
      : await probeKvm({ qemuPath, kernel, busybox: options.busybox, cacheDir: options.cacheDir });

  const qemu: BackendStatus =
    qemuPath === undefined
      ? { available: false, detail: 'no qemu-system-x86_64 (install qemu-system-x86)' }
      : { available: true, detail: `${qemuPath}, ${kvm.usable ? 'KVM' : `TCG (KVM: ${kvm.detail})`}` };
  const firecracker: BackendStatus =
    firecrackerPath === undefined
      ? { available: false, detail: 'no firecracker binary on PATH' }
      : kvm.usable || kvmDeviceProblem() === undefined
        ? {
            available: kvm.usable,
            detail: kvm.usable ? firecrackerPath : `KVM does not boot guests here: ${kvm.detail}`,
          }
        : { available: false, detail: kvmDeviceProblem() ?? 'no KVM' };

  const report: VmmReport = { kernel, kvm, qemu, firecracker, reason: '' };
  if ('missing' in kernel) return { ...report, reason: kernel.missing };
  const want = options.vmm ?? 'auto';
  if (want !== 'qemu' && firecracker.available && firecrackerPath !== undefined) {
    return {
      ...report,
      chosen: { kind: 'firecracker', firecrackerPath, detail: `firecracker ${firecrackerPath}, KVM` },
      reason: 'firecracker and KVM available',
    };
  }
  if (want === 'firecracker') return { ...report, reason: `firecracker unavailable: ${firecracker.detail}` };
  if (qemuPath === undefined) return { ...report, reason: qemu.detail };
  const accel: Accel =
    options.accel === 'kvm' || options.accel === 'tcg' ? options.accel : kvm.usable ? 'kvm' : 'tcg';
  if (accel === 'kvm' && !kvm.usable)
    return { ...report, reason: `KVM requested but unusable: ${kvm.detail}` };
  const detail =
    accel === 'kvm' ? `QEMU microvm, KVM` : `QEMU microvm, TCG (software emulation; KVM: ${kvm.detail})`;
  return { ...report, chosen: { kind: 'qemu', qemuPath, accel, detail }, reason: detail };
}
