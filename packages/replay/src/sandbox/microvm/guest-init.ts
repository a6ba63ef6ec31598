/** The initramfs: busybox, the virtio modules, and the init script that mounts the image as root. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CpioEntry, writeCpio } from './cpio-newc.js';
import { GUEST_MODULES, type GuestKernel } from './guest-kernel.js';

/** Where the agent's start script is inside the root image. */
export const AGENT_START = '/opt/flashback/start-agent';

/**
 * Mounts the image (read-only ext4 on the first virtio disk) under a tmpfs overlay, so the guest
 * can write anywhere and every write is gone with the VM, brings up loopback (the only network
 * there is), and hands over to the agent as the new root's init.
 */
export function initScript(modules: readonly string[]): string {
  return `#!/bin/busybox sh
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
${modules.map((m) => `insmod /modules/${baseName(m)}`).join('\n')}
mount -t ext4 -o ro /dev/vda /lower || { echo "flashback-init: cannot mount the root image"; poweroff -f; }
mount -t tmpfs -o mode=0755 rw /rw
mkdir -p /rw/upper /rw/work
mount -t overlay overlay -o lowerdir=/lower,upperdir=/rw/upper,workdir=/rw/work /newroot
ip link set lo up
mkdir -p /newroot/dev /newroot/proc /newroot/sys /newroot/tmp
mount --move /dev /newroot/dev
mount --move /proc /newroot/proc
mount --move /sys /newroot/sys
chmod 1777 /newroot/tmp
exec switch_root /newroot ${AGENT_START}
`;
}

export function buildInitramfs(kernel: GuestKernel, busybox: string): Buffer {
  const entries: CpioEntry[] = ['bin', 'modules', 'dev', 'proc', 'sys', 'lower', 'rw', 'newroot'].map(
    (path) => ({ kind: 'dir', path }),
  );
  entries.push({ kind: 'file', path: 'bin/busybox', data: readFileSync(busybox), mode: 0o755 });
  for (const applet of ['sh', 'mount', 'insmod', 'mkdir', 'ip', 'chmod', 'switch_root', 'poweroff', 'echo']) {
    entries.push({ kind: 'symlink', path: `bin/${applet}`, target: 'busybox' });
  }
  for (const module of GUEST_MODULES) {
    entries.push({
      kind: 'file',
      path: `modules/${baseName(module)}`,
      data: readFileSync(join(kernel.modulesDir, module)),
    });
  }
  entries.push({ kind: 'file', path: 'init', data: Buffer.from(initScript(GUEST_MODULES)), mode: 0o755 });
  return writeCpio(entries);
}

/** The line the probe guest prints once it runs userspace. */
export const PROBE_MARKER = 'flashback-probe: userspace reached';

/** A guest that only proves it boots: prints {@link PROBE_MARKER} and powers off. */
export function buildProbeInitramfs(busybox: string): Buffer {
  return writeCpio([
    { kind: 'dir', path: 'bin' },
    { kind: 'dir', path: 'proc' },
    { kind: 'file', path: 'bin/busybox', data: readFileSync(busybox), mode: 0o755 },
    {
      kind: 'file',
      path: 'init',
      data: Buffer.from(`#!/bin/busybox sh\n/bin/busybox echo "${PROBE_MARKER}"\n/bin/busybox poweroff -f\n`),
      mode: 0o755,
    },
  ]);
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
