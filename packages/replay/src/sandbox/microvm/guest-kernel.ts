/** The guest kernel: Debian's cloud kernel as `scripts/install-system-deps.sh` unpacks it. */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const DEFAULT_GUEST_KERNEL_DIR = '/var/cache/flashback/guest-kernel';

/**
 * The virtio drivers the guest needs, in load order (dependencies first); the cloud kernel builds
 * them as modules. Block device for the root file system, console ports for the agent's channel,
 * the entropy device, and overlayfs for a writable root over the read-only image.
 */
export const GUEST_MODULES = [
  'kernel/drivers/virtio/virtio_ring.ko',
  'kernel/drivers/virtio/virtio.ko',
  'kernel/drivers/virtio/virtio_mmio.ko',
  'kernel/drivers/block/virtio_blk.ko',
  'kernel/drivers/char/virtio_console.ko',
  'kernel/drivers/char/hw_random/virtio-rng.ko',
  'kernel/fs/overlayfs/overlay.ko',
] as const;

export interface GuestKernel {
  vmlinuz: string;
  /** `lib/modules/<release>` of that kernel. */
  modulesDir: string;
  release: string;
}

/** The kernel in `dir`, or why there is none usable. */
export function findGuestKernel(
  dir = process.env.FLASHBACK_GUEST_KERNEL_DIR ?? DEFAULT_GUEST_KERNEL_DIR,
): GuestKernel | { missing: string } {
  const vmlinuz = join(dir, 'vmlinuz');
  if (!existsSync(vmlinuz)) {
    return { missing: `no guest kernel at ${vmlinuz} (run scripts/install-system-deps.sh)` };
  }
  let releases: string[] = [];
  try {
    releases = readdirSync(join(dir, 'modules'));
  } catch {
    // reported below
  }
  const release = releases[0];
  if (release === undefined) return { missing: `no kernel modules under ${join(dir, 'modules')}` };
  const modulesDir = join(dir, 'modules', release);
  const absent = GUEST_MODULES.filter((m) => !existsSync(join(modulesDir, m)));
  if (absent.length > 0) return { missing: `the guest kernel lacks ${absent.join(', ')}` };
  return { vmlinuz, modulesDir, release };
}
