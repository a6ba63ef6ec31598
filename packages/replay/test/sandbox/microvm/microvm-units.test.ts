import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  decodeGuestFrame,
  decodeHostFrame,
  encodeFrame,
  type StandbyMessage,
} from '../../../src/sandbox/microvm/agent-protocol.js';
import { writeCpio } from '../../../src/sandbox/microvm/cpio-newc.js';
import {
  bootGuest,
  FirecrackerApi,
  restoreGuest,
  snapshotGuest,
} from '../../../src/sandbox/microvm/firecracker-api.js';
import { hostTscKhz } from '../../../src/sandbox/microvm/host-tsc.js';
import { kvmProbeArgs } from '../../../src/sandbox/microvm/kvm-probe.js';
import { qemuArgs, qemuBootArgs } from '../../../src/sandbox/microvm/qemu-args.js';
import { reseedHelperElf } from '../../../src/sandbox/microvm/reseed-helper.js';
import { writeFileMap } from '../../../src/sandbox/microvm/work-dir-files.js';

describe('agent protocol frames', () => {
  test('a frame survives kernel output on the same line and around it', () => {
    const frame = encodeFrame({ t: 'stderr', line: 'fixtures: ready' });
    expect(decodeGuestFrame(`[    2.1] random: crng init done${frame.trimEnd()}`)).toEqual({
      t: 'stderr',
      line: 'fixtures: ready',
    });
    expect(decodeGuestFrame('[    2.1] EXT4-fs (vda): mounted')).toBeUndefined();
  });

  test('each side accepts only the other side’s message types', () => {
    expect(decodeHostFrame(encodeFrame({ t: 'ready', uptimeMs: 1 }))).toBeUndefined();
    expect(decodeGuestFrame(encodeFrame({ t: 'hello' }))).toBeUndefined();
    expect(decodeHostFrame(encodeFrame({ t: 'hello' }))).toEqual({ t: 'hello' });
    const standby: StandbyMessage = {
      t: 'standby',
      command: ['node', 'runner.js'],
      env: {},
      readyLine: 'ready',
    };
    expect(decodeHostFrame(encodeFrame(standby))).toEqual(standby);
    expect(decodeGuestFrame(encodeFrame(standby))).toBeUndefined();
    expect(decodeGuestFrame(encodeFrame({ t: 'standing-by', ms: 12 }))).toEqual({ t: 'standing-by', ms: 12 });
    expect(decodeHostFrame(encodeFrame({ t: 'standing-by', ms: 12 }))).toBeUndefined();
  });
});

describe('initramfs cpio', () => {
  test('cpio itself lists and extracts what writeCpio wrote', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cpio-'));
    try {
      const archive = writeCpio([
        { kind: 'dir', path: 'bin' },
        { kind: 'file', path: 'bin/hello', data: Buffer.from('hi\n'), mode: 0o755 },
        { kind: 'symlink', path: 'bin/hey', target: 'hello' },
      ]);
      await writeFile(join(dir, 'a.cpio'), archive);
      execFileSync('sh', ['-c', 'cpio -idm --quiet < a.cpio'], { cwd: dir });
      expect(await readFile(join(dir, 'bin/hello'), 'utf8')).toBe('hi\n');
      expect(execFileSync('readlink', [join(dir, 'bin/hey')], { encoding: 'utf8' }).trim()).toBe('hello');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('refuses absolute paths', () => {
    expect(() => writeCpio([{ kind: 'dir', path: '/etc' }])).toThrow(/relative/);
  });
});

describe('QEMU command line', () => {
  const base = {
    memoryMb: 512,
    vcpus: 2,
    vmlinuz: '/k',
    initrd: '/i',
    rootfs: "/img's",
    agentSocket: '/a',
    qmpSocket: '/q',
    pidFile: '/w/.vm/qemu.pid',
  };

  test('no network device, read-only root, TSC frequency for TCG, quoted restore path', () => {
    const args = qemuArgs({ ...base, accel: 'tcg', tscKhz: 2_445_402, incoming: "/state's" });
    expect(args.join(' ')).not.toMatch(/-net|netdev|virtio-net/);
    expect(args).toContain(`id=root,file=/img's,format=raw,if=none,readonly=on`);
    expect(args[args.indexOf('-append') + 1]).toContain('tsc_early_khz=2445402');
    expect(args.slice(-2)).toEqual(['-incoming', `exec:cat '/state'\\''s'`]);
    // A bare path under the work directory: what the stale-work-directory sweep matches argv on.
    expect(args).toContain('/w/.vm/qemu.pid');
  });

  test('as many virtual CPUs as asked for', () => {
    const args = qemuArgs({ ...base, accel: 'tcg', vcpus: 3 });
    expect(args[args.indexOf('-smp') + 1]).toBe('3');
  });

  test('KVM uses the host CPU without arch-capabilities', () => {
    const args = qemuArgs({ ...base, accel: 'kvm' });
    expect(args[args.indexOf('-cpu') + 1]).toBe('host,-arch-capabilities');
    expect(args[args.indexOf('-append') + 1]).not.toContain('tsc_early_khz');
  });

  test('a reproduction VM boots as the KVM probe does, with its devices and agent channel added', () => {
    const boot = qemuBootArgs({ accel: 'kvm', memoryMb: 512, vcpus: 2, vmlinuz: '/k', initrd: '/i' });
    const args = qemuArgs({ ...base, accel: 'kvm' });
    const append = boot.indexOf('-append');
    expect(args.slice(0, append + 1)).toEqual(boot.slice(0, append + 1));
    expect(args[append + 1]).toBe(`${boot[append + 1]} flashback.channel=flashback.agent`);
  });

  test('the KVM probe boots the kernel under KVM with no drive, channel or monitor', () => {
    const args = kvmProbeArgs('/k', '/probe.cpio');
    expect(args[args.indexOf('-accel') + 1]).toBe('kvm');
    expect(args[args.indexOf('-cpu') + 1]).toBe('host,-arch-capabilities');
    expect(args[args.indexOf('-initrd') + 1]).toBe('/probe.cpio');
    expect(args[args.indexOf('-append') + 1]).toBe('console=ttyS0 quiet panic=-1 reboot=t');
    expect(args.join(' ')).not.toMatch(/-drive|-device|-chardev|-qmp|-pidfile/);
  });

  test('host TSC frequency from cpuinfo', () => {
    expect(hostTscKhz('processor\t: 0\ncpu MHz\t\t: 2445.402\n')).toBe(2_445_402);
    expect(hostTscKhz('processor\t: 0\n')).toBeUndefined();
  });
});

describe('reseed helper', () => {
  test('is a static executable that runs: reseeds as root, EPERM (1) otherwise', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'reseed-'));
    try {
      const file = join(dir, 'reseed');
      await writeFile(file, reseedHelperElf(), { mode: 0o755 });
      const run = spawnSync(file);
      expect(run.status).toBe(process.getuid?.() === 0 ? 0 : 1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('files a guest sends back', () => {
  test('land in the work directory; a name escaping it is refused', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'filemap-'));
    try {
      await writeFileMap(dir, { 'packages/p.json': Buffer.from('{}').toString('base64') });
      expect(await readFile(join(dir, 'packages/p.json'), 'utf8')).toBe('{}');
      await expect(writeFileMap(join(dir, 'packages'), { '../../escape': 'eA==' })).rejects.toMatchObject({
        code: 'FB_SANDBOX_VM_FAILED',
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('Firecracker API client (fake VMM API, Firecracker not installable here)', () => {
  async function fakeFirecracker(fail?: string) {
    const dir = await mkdtemp(join(tmpdir(), 'fc-'));
    const socketPath = join(dir, 'api.sock');
    const calls: string[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        calls.push(`${req.method} ${req.url} ${body}`);
        if (req.url === fail) {
          res.writeHead(400, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ fault_message: 'Invalid kernel path' }));
        } else {
          res.writeHead(204);
          res.end();
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
    const close = async () => {
      await new Promise((resolve) => server.close(resolve));
      await rm(dir, { recursive: true, force: true });
    };
    return { api: new FirecrackerApi(socketPath), calls, close };
  }

  test('boot, snapshot and restore send the documented requests in order', async () => {
    const fake = await fakeFirecracker();
    try {
      await bootGuest(fake.api, {
        kernel: '/vmlinux',
        initrd: '/initrd',
        bootArgs: 'console=ttyS0',
        rootfs: '/root.ext4',
        memoryMb: 1024,
      });
      await snapshotGuest(fake.api, { snapshotPath: '/s', memPath: '/m' });
      await restoreGuest(fake.api, { snapshotPath: '/s', memPath: '/m' });
      expect(fake.calls).toEqual([
        'PUT /machine-config {"vcpu_count":1,"mem_size_mib":1024,"smt":false}',
        'PUT /boot-source {"kernel_image_path":"/vmlinux","initrd_path":"/initrd","boot_args":"console=ttyS0"}',
        'PUT /drives/root {"drive_id":"root","path_on_host":"/root.ext4","is_root_device":false,"is_read_only":true}',
        'PUT /actions {"action_type":"InstanceStart"}',
        'PATCH /vm {"state":"Paused"}',
        'PUT /snapshot/create {"snapshot_type":"Full","snapshot_path":"/s","mem_file_path":"/m"}',
        'PUT /snapshot/load {"snapshot_path":"/s","mem_backend":{"backend_type":"File","backend_path":"/m"},"resume_vm":true}',
      ]);
    } finally {
      await fake.close();
    }
  });

  test('an API fault stops the sequence with its fault message', async () => {
    const fake = await fakeFirecracker('/boot-source');
    try {
      await expect(
        bootGuest(fake.api, { kernel: '/nope', initrd: '/i', bootArgs: '', rootfs: '/r', memoryMb: 128 }),
      ).rejects.toThrow('PUT /boot-source: 400 Invalid kernel path');
      expect(fake.calls).toHaveLength(2);
    } finally {
      await fake.close();
    }
  });
});
