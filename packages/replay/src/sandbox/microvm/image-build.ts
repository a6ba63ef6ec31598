/**
 * The guest's disks, built from the host's own files and cached by their fingerprint: a read-only
 * ext4 root image (busybox, Node and its shared libraries, the guest agent, and every path the
 * sandbox must see with its run-time dependencies, at the same paths as on the host) and the
 * initramfs that mounts it. No Docker, no root: `mkfs.ext4 -d` fills the file system from a
 * staging directory.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readlinkSync, realpathSync } from 'node:fs';
import { cp, mkdir, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SandboxError } from '../errors.js';
import { RESEED_HELPER } from './agent-protocol.js';
import { dependencyClosure } from './dependency-closure.js';
import { AGENT_START, buildInitramfs, initScript } from './guest-init.js';
import { findGuestKernel, GUEST_MODULES, type GuestKernel } from './guest-kernel.js';
import { fingerprintTrees, treeSize } from './image-fingerprint.js';
import { pruneImages, touchImage } from './image-prune.js';
import { reseedHelperElf } from './reseed-helper.js';
import { sharedLibraries } from './shared-libraries.js';

// Bump when the image layout changes, so older cached images are not reused.
const IMAGE_FORMAT = 'flashback.guest-image/2';
const AGENT_DIR = '/opt/flashback';
const AGENT_FILES = ['guest-agent.js', 'agent-protocol.js'];

export interface GuestImage {
  key: string;
  dir: string;
  rootfs: string;
  initrd: string;
  kernel: GuestKernel;
  /** False when it came from the cache. */
  built: boolean;
  buildMs: number;
}

export interface GuestImageOptions {
  /** Host paths the guest must see, at the same paths (an app, Flashback's packages, ...). */
  include: readonly string[];
  /** Where images are kept, one directory per fingerprint. */
  cacheDir: string;
  busybox?: string;
  kernelDir?: string;
}

/**
 * The image for `include`, built unless an identical one is cached.
 *
 * @throws SandboxError `FB_SANDBOX_UNAVAILABLE` when the guest kernel, busybox or mkfs.ext4 is
 * missing; `FB_SANDBOX_IMAGE_BUILD` when building fails.
 */
export async function ensureGuestImage(options: GuestImageOptions): Promise<GuestImage> {
  const started = performance.now();
  const kernel = findGuestKernel(options.kernelDir);
  if ('missing' in kernel) throw new SandboxError('FB_SANDBOX_UNAVAILABLE', kernel.missing);
  const busybox = options.busybox ?? '/bin/busybox';
  if (!existsSync(busybox)) {
    throw new SandboxError(
      'FB_SANDBOX_UNAVAILABLE',
      `no static busybox at ${busybox} (install busybox-static)`,
    );
  }
  for (const path of options.include) {
    if (!existsSync(path))
      throw new SandboxError('FB_SANDBOX_INVALID_SPEC', `cannot put ${path} in the image: it does not exist`);
  }
  const agentFiles = AGENT_FILES.map(agentFile);
  const node = process.execPath;
  const hostPaths = outermost([
    ...dependencyClosure(options.include),
    node,
    realpathSync(node),
    ...sharedLibraries(realpathSync(node)),
  ]);
  const key = fingerprintTrees(
    [
      ...hostPaths,
      busybox,
      kernel.vmlinuz,
      ...agentFiles,
      ...GUEST_MODULES.map((m) => join(kernel.modulesDir, m)),
    ],
    [IMAGE_FORMAT, kernel.release, node, initScript(GUEST_MODULES)],
  );
  const dir = join(options.cacheDir, key);
  const image = { key, dir, rootfs: join(dir, 'rootfs.ext4'), initrd: join(dir, 'initrd.cpio'), kernel };
  if (existsSync(join(dir, 'manifest.json'))) {
    await touchImage(dir);
    return { ...image, built: false, buildMs: performance.now() - started };
  }
  const building = `${dir}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await mkdir(building, { recursive: true });
    const staging = join(building, 'root');
    await stageRoot(staging, { hostPaths, busybox, agentFiles, node });
    makeExt4(staging, join(building, 'rootfs.ext4'));
    await rm(staging, { recursive: true, force: true });
    await writeFile(join(building, 'initrd.cpio'), buildInitramfs(kernel, busybox));
    await writeFile(
      join(building, 'manifest.json'),
      `${JSON.stringify({ format: IMAGE_FORMAT, kernel: kernel.release, include: options.include, paths: hostPaths }, null, 2)}\n`,
    );
    await rename(building, dir).catch(async (error: unknown) => {
      // Built meanwhile by another run: theirs is as good as ours.
      if (!existsSync(join(dir, 'manifest.json'))) throw error;
      await rm(building, { recursive: true, force: true });
    });
  } catch (error: unknown) {
    await rm(building, { recursive: true, force: true }).catch(() => undefined);
    if (error instanceof SandboxError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new SandboxError('FB_SANDBOX_IMAGE_BUILD', `building the guest image failed: ${message}`, {
      cause: error,
    });
  }
  await pruneImages(options.cacheDir, dir);
  return { ...image, built: true, buildMs: performance.now() - started };
}

/** The image's contents under `staging`: the host paths at their own paths, and the guest's own files. */
async function stageRoot(
  staging: string,
  parts: { hostPaths: string[]; busybox: string; agentFiles: string[]; node: string },
): Promise<void> {
  for (const dir of ['bin', 'etc', 'proc', 'sys', 'dev', 'tmp', 'run', 'root', AGENT_DIR.slice(1)]) {
    await mkdir(join(staging, dir), { recursive: true });
  }
  // The host's merged-/usr links (/lib -> usr/lib, ...), which the loader's paths go through; /bin
  // stays a real directory for busybox.
  for (const name of ['lib', 'lib32', 'lib64', 'libx32', 'sbin']) {
    const target = linkTarget(`/${name}`);
    if (target !== undefined) await symlink(target, join(staging, name));
  }
  copyInto(staging, parts.hostPaths);
  await cp(parts.busybox, join(staging, 'bin/busybox'));
  const applets = execFileSync(parts.busybox, ['--list'], { encoding: 'utf8' }).split('\n').filter(Boolean);
  for (const applet of applets) {
    if (applet === 'busybox' || existsSync(join(staging, 'bin', applet))) continue;
    await symlink('busybox', join(staging, 'bin', applet));
  }
  for (const file of parts.agentFiles)
    await cp(file, join(staging, AGENT_DIR, file.slice(file.lastIndexOf('/') + 1)));
  await writeFile(join(staging, RESEED_HELPER.slice(1)), reseedHelperElf(), { mode: 0o755 });
  await writeFile(
    join(staging, AGENT_START.slice(1)),
    `#!/bin/sh\nexec ${parts.node} ${AGENT_DIR}/guest-agent.js\n`,
    { mode: 0o755 },
  );
  await writeFile(
    join(staging, 'etc/passwd'),
    'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n',
  );
  await writeFile(join(staging, 'etc/group'), 'root:x:0:\nnogroup:x:65534:\n');
  await writeFile(join(staging, 'etc/hosts'), '127.0.0.1 localhost\n');
  await writeFile(join(staging, 'etc/machine-id'), '\n');
}

/**
 * Copies each path to the same path under `staging` in one `cp` (hard links where the file system
 * allows, which makes it instant), with symlinked ancestors resolved so each lands in a real
 * directory.
 */
function copyInto(staging: string, paths: string[]): void {
  const relative = outermost(paths.map((p) => join(realpathSync(dirname(p)), basename(p)))).map((p) =>
    p.slice(1),
  );
  const copy = (link: boolean): void => {
    execFileSync('cp', ['-a', '--parents', ...(link ? ['--link'] : []), '--', ...relative, staging], {
      cwd: '/',
      stdio: ['ignore', 'ignore', 'pipe'],
    });
  };
  try {
    copy(true);
  } catch {
    // Another file system, or files we may not link (protected_hardlinks): copy them.
    execFileSync('rm', ['-rf', '--', ...relative.map((p) => join(staging, p))]);
    copy(false);
  }
}

function linkTarget(path: string): string | undefined {
  try {
    return readlinkSync(path);
  } catch {
    return undefined;
  }
}

function makeExt4(staging: string, file: string): void {
  const { bytes, entries } = treeSize([staging]);
  const sizeMb = Math.ceil((bytes * 1.15) / 2 ** 20) + 64;
  // No journal: the guest mounts it read-only.
  execFileSync(
    mkfsExt4(),
    [
      '-q',
      '-F',
      '-O',
      '^has_journal',
      '-N',
      String(Math.ceil(entries * 1.2) + 1024),
      '-L',
      'flashback',
      '-d',
      staging,
      file,
      `${sizeMb}M`,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
}

function mkfsExt4(): string {
  for (const path of ['/usr/sbin/mkfs.ext4', '/sbin/mkfs.ext4']) if (existsSync(path)) return path;
  throw new SandboxError('FB_SANDBOX_UNAVAILABLE', 'mkfs.ext4 is missing (install e2fsprogs)');
}

/** The compiled agent file beside this module, or in `dist` when running from the sources. */
function agentFile(name: string): string {
  const candidates = [
    new URL(`./${name}`, import.meta.url),
    new URL(`../../../dist/sandbox/microvm/${name}`, import.meta.url),
  ].map((u) => fileURLToPath(u));
  const found = candidates.find((path) => existsSync(path));
  if (found === undefined)
    throw new SandboxError(
      'FB_SANDBOX_UNAVAILABLE',
      `the guest agent is not built (looked for ${candidates.join(', ')}); run tsc -b`,
    );
  return found;
}

/** The paths without those inside another one of them (copying the outer one copies them). */
function outermost(paths: string[]): string[] {
  const sorted = [...new Set(paths)].sort();
  const kept: string[] = [];
  for (const path of sorted) {
    if (kept.some((outer) => path.startsWith(`${outer}/`))) continue;
    kept.push(path);
  }
  return kept;
}
