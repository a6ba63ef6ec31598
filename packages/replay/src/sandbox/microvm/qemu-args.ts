/** The QEMU command line of a microVM. Pure. */

export type Accel = 'kvm' | 'tcg';

const MICROVM_MACHINE = 'microvm,x-option-roms=off,pit=on,pic=on,rtc=on,isa-serial=on';
/** The host CPU without arch-capabilities: plain `host` fails at once on MSR 0x10a under nested KVM. */
const KVM_CPU = 'host,-arch-capabilities';

/** What every guest needs to boot: the machine, its CPU and memory, the kernel and initramfs. */
export interface QemuBootInput {
  accel: Accel;
  memoryMb: number;
  /** Under TCG each vCPU is a host thread (multi-threaded TCG): the runner and the app run side by side. */
  vcpus: number;
  vmlinuz: string;
  initrd: string;
  /** Appended to the kernel command line, after the console and reboot settings. */
  kernelParams?: readonly string[];
}

export interface QemuArgsInput extends Omit<QemuBootInput, 'kernelParams'> {
  rootfs: string;
  /** Unix socket (QEMU listens) of the agent's virtio-serial port. */
  agentSocket: string;
  /** Unix socket (QEMU listens) of the QMP monitor. */
  qmpSocket: string;
  /**
   * Where QEMU writes its pid. Also a bare path in its argv inside the run's work directory, by
   * which the stale-work-directory sweep finds a QEMU whose orchestrator was killed.
   */
  pidFile: string;
  /**
   * The host's TSC frequency, for TCG: the emulated TSC ticks with the host's, and a guest that
   * calibrates it against the emulated PIT on a busy host gets no answer and hangs at boot.
   */
  tscKhz?: number;
  /** A saved state to start from instead of booting (`migrate` to a file). */
  incoming?: string;
}

/** The name of the agent's virtio-serial port, by which the agent finds its device. */
export const GUEST_AGENT_PORT = 'flashback.agent';

/**
 * QEMU's `microvm` machine booting a kernel and an initramfs, with nothing attached: no PCI, no
 * firmware option ROMs, no devices but the serial console, which goes to stdout. The PIT is on
 * because the guest kernel calibrates its TSC against it (without it, boot hangs under TCG). The
 * KVM probe boots this alone; `qemuArgs` adds a reproduction's devices to it.
 */
export function qemuBootArgs(input: QemuBootInput): string[] {
  return [
    '-M',
    MICROVM_MACHINE,
    '-accel',
    input.accel,
    ...(input.accel === 'kvm' ? ['-cpu', KVM_CPU] : []),
    '-m',
    `${input.memoryMb}`,
    '-smp',
    String(input.vcpus),
    '-nodefaults',
    '-no-user-config',
    '-display',
    'none',
    '-no-reboot',
    '-serial',
    'stdio',
    '-kernel',
    input.vmlinuz,
    '-initrd',
    input.initrd,
    '-append',
    ['console=ttyS0 quiet panic=-1 reboot=t', ...(input.kernelParams ?? [])].join(' '),
  ];
}

/**
 * A reproduction's microVM: the boot of `qemuBootArgs`, plus virtio over MMIO. No network device
 * at all: the guest has loopback only. The root image is read-only; the guest writes into a tmpfs
 * overlay. The agent has its own virtio-serial port; QMP and the pid file are for the host.
 */
export function qemuArgs(input: QemuArgsInput): string[] {
  const args = [
    ...qemuBootArgs({
      accel: input.accel,
      memoryMb: input.memoryMb,
      vcpus: input.vcpus,
      vmlinuz: input.vmlinuz,
      initrd: input.initrd,
      kernelParams: [
        ...(input.tscKhz === undefined ? [] : [`tsc_early_khz=${input.tscKhz}`]),
        `flashback.channel=${GUEST_AGENT_PORT}`,
      ],
    }),
    '-drive',
    `id=root,file=${input.rootfs},format=raw,if=none,readonly=on`,
    '-device',
    'virtio-blk-device,drive=root',
    '-device',
    'virtio-rng-device',
    '-device',
    'virtio-serial-device,max_ports=2',
    '-chardev',
    `socket,id=agent,path=${input.agentSocket},server=on,wait=off`,
    '-device',
    `virtserialport,chardev=agent,name=${GUEST_AGENT_PORT}`,
    '-qmp',
    `unix:${input.qmpSocket},server=on,wait=off`,
    '-pidfile',
    input.pidFile,
  ];
  if (input.incoming !== undefined) args.push('-incoming', `exec:cat ${shellQuote(input.incoming)}`);
  return args;
}

function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}
