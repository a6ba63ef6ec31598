import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { abortedError, SandboxError } from '../errors.js';
import { renderHostsFile } from '../hosts-file.js';
import { OutputTail } from '../output-tail.js';
import {
  type DriverStatus,
  type SandboxDriver,
  type SandboxResult,
  type SandboxSpec,
  STANDBY_READY_LINE,
} from '../sandbox-types.js';
import { DEFAULT_MAX_OUTPUT_BYTES, validateSpec } from '../spec-validate.js';
import { prepareWorkDir, removeWorkDir } from '../work-dir.js';
import type { GuestMessage } from './agent-protocol.js';
import { launchFirecracker } from './firecracker-backend.js';
import type { LaunchedVm } from './guest-vm.js';
import { hostTscKhz } from './host-tsc.js';
import { ensureGuestImage, type GuestImage } from './image-build.js';
import type { Accel } from './qemu-args.js';
import { launchQemu } from './qemu-backend.js';
import { type ChosenBackend, detectVmm, type VmmReport } from './vmm-detect.js';
import { readFileMap, writeFileMap } from './work-dir-files.js';

const GUEST_HOSTNAME = 'flashback-vm';

export interface MicrovmDriverOptions {
  /** Default `<tmpdir>/flashback-cache-<uid>/microvm`: images, snapshots, the KVM probe's answer. */
  cacheDir?: string;
  /** Guest memory in MiB; default 2048 (PGlite and the app both run inside). */
  memoryMb?: number;
  /**
   * Virtual CPUs; default 2 under KVM, 1 under TCG. Two vCPUs under multi-threaded TCG are faster
   * (checkout bug 7: 16 s against 26 s) but not sound for Node here: 5 of 24 runs ended in
   * SIGSEGV or SIGTRAP, none of 8 with one vCPU (most likely QEMU 7.2 running stale translations
   * of code the JIT rewrote on the other vCPU).
   */
  vcpus?: number;
  /** Restore each run from a snapshot taken once after boot (default); false: boot every run. */
  snapshots?: boolean;
  vmm?: 'auto' | 'qemu' | 'firecracker';
  accel?: 'auto' | Accel;
  /** Default /bin/busybox (Debian's busybox-static). */
  busybox?: string;
  kernelDir?: string;
  /** How long a cold boot may take until the agent answers; default 120 s (TCG is slow). */
  bootTimeoutMs?: number;
}

/** What the last run did before its command started, for benchmarks and reports. */
export interface MicrovmRunInfo {
  backend: string;
  start: 'cold' | 'restored';
  readyMs: number;
  imageBuilt: boolean;
  snapshotMade: boolean;
  /** The run went to a standby process restored with the snapshot (see `SandboxSpec.standby`). */
  standby: boolean;
}

/**
 * The `microvm` driver: the command runs inside a virtual machine with its own kernel, its own
 * file system and no network device (loopback only), thrown away after the run. The guest's root
 * is an image of the host's files the run needs (the spec's binds, the command, Node), at the
 * same paths, read-only under a tmpfs overlay; the work directory's files go in with the job and
 * come back at its end. `hosts` become the guest's /etc/hosts. Memory is the VM's (`memoryMb`);
 * the spec's per-process limits do not apply. Writes outside the work directory never reach the
 * host, writable binds included.
 */
export class MicrovmDriver implements SandboxDriver {
  readonly kind = 'microvm' as const;
  readonly #options: MicrovmDriverOptions;
  #report: Promise<VmmReport> | undefined;
  /** Set by each run once its VM is ready. */
  lastRun: MicrovmRunInfo | undefined;

  constructor(options: MicrovmDriverOptions = {}) {
    this.#options = options;
  }

  get cacheDir(): string {
    return (
      this.#options.cacheDir ?? join(tmpdir(), `flashback-cache-${process.getuid?.() ?? 'user'}`, 'microvm')
    );
  }

  /** Detects once (binaries, guest kernel, a KVM boot probe) and keeps the answer. */
  report(): Promise<VmmReport> {
    this.#report ??= detectVmm({
      cacheDir: this.cacheDir,
      busybox: this.#options.busybox ?? '/bin/busybox',
      ...(this.#options.kernelDir === undefined ? {} : { kernelDir: this.#options.kernelDir }),
      ...(this.#options.vmm === undefined ? {} : { vmm: this.#options.vmm }),
      ...(this.#options.accel === undefined ? {} : { accel: this.#options.accel }),
    });
    return this.#report;
  }

  async status(): Promise<DriverStatus> {
    const report = await this.report();
    return report.chosen === undefined
      ? { available: false, detail: report.reason }
      : { available: true, detail: report.chosen.detail };
  }

  /** The guest image for these host paths (built or from the cache): `flashback sandbox build-image`. */
  image(include: readonly string[]): Promise<GuestImage> {
    return ensureGuestImage({
      include,
      cacheDir: join(this.cacheDir, 'images'),
      ...(this.#options.busybox === undefined ? {} : { busybox: this.#options.busybox }),
      ...(this.#options.kernelDir === undefined ? {} : { kernelDir: this.#options.kernelDir }),
    });
  }

  async run(spec: SandboxSpec, signal?: AbortSignal): Promise<SandboxResult> {
    validateSpec(spec);
    const hosts = renderHostsFile(spec.hosts, GUEST_HOSTNAME);
    if (signal?.aborted) throw abortedError(signal);
    const { chosen, reason } = await this.report();
    if (chosen === undefined)
      throw new SandboxError('FB_SANDBOX_UNAVAILABLE', `microvm sandbox unavailable: ${reason}`);
    const createdWorkDir = await prepareWorkDir(spec.workDir);
    try {
      return await this.#run(spec, hosts, chosen, signal);
    } finally {
      if (createdWorkDir) await removeWorkDir(spec.workDir);
    }
  }

  async #run(
    spec: SandboxSpec,
    hosts: string,
    chosen: ChosenBackend,
    signal: AbortSignal | undefined,
  ): Promise<SandboxResult> {
    const started = performance.now();
    const include = [
      ...spec.binds.map((b) => b.path),
      ...[spec.cwd, spec.command[0] ?? ''].filter((p) => p.startsWith('/') && !p.startsWith(spec.workDir)),
    ];
    const image = await this.image(include);
    // Sockets and VMM files live in the work directory: the stale-work-dir sweep finds a VMM
    // orphaned by a killed orchestrator through its argv naming them.
    const runDir = join(spec.workDir, `.vm-${randomBytes(3).toString('hex')}`);
    await mkdir(runDir, { recursive: true });
    const launched = await this.#launch(chosen, image, runDir, spec);
    const { vm } = launched;
    // Only a snapshot made with the spec's standby process holds one (see launchQemu).
    const standbyInput = launched.standby ? spec.standby?.input : undefined;
    this.lastRun = {
      backend: chosen.detail,
      start: launched.start,
      readyMs: launched.readyMs,
      imageBuilt: image.built,
      snapshotMade: launched.snapshotMade,
      standby: standbyInput !== undefined,
    };
    const maxOutput = spec.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
    const stdout = new OutputTail(maxOutput);
    const stderr = new OutputTail(maxOutput);
    let timedOut = false;
    let aborted = false;
    try {
      const ended = new Promise<Extract<GuestMessage, { t: 'exit' }> | undefined>((resolve, reject) => {
        vm.channel.onMessage((message) => {
          if (message.t === 'stderr') {
            stderr.push(Buffer.from(`${message.line}\n`));
            spec.onStderrLine?.(message.line);
          } else if (message.t === 'stdout') stdout.push(Buffer.from(message.data));
          else if (message.t === 'exit') resolve(message);
          else if (message.t === 'fault')
            reject(new SandboxError('FB_SANDBOX_VM_FAILED', `the guest agent failed: ${message.message}`));
        });
        vm.whenExited().then(() => resolve(undefined));
        const remaining = Math.max(1, spec.timeLimitMs - (performance.now() - started));
        const timer = setTimeout(() => {
          timedOut = true;
          resolve(undefined);
        }, remaining);
        timer.unref();
        signal?.addEventListener(
          'abort',
          () => {
            aborted = true;
            resolve(undefined);
          },
          { once: true },
        );
      });
      vm.channel.send({
        t: 'run',
        clockMs: Date.now(),
        seed: randomBytes(64).toString('hex'),
        runId: randomUUID(),
        command: spec.command,
        cwd: spec.cwd,
        env: spec.env,
        workDir: spec.workDir,
        files: await readFileMap(spec.workDir, runDir),
        hosts,
        ...(standbyInput === undefined ? {} : { standbyInput }),
      });
      const exit = await ended;
      await vm.destroy();
      if (aborted) throw abortedError(signal);
      if (exit !== undefined) await writeFileMap(spec.workDir, exit.files);
      else if (!timedOut)
        stderr.push(
          Buffer.from(`\nthe microVM ended before the command did:\n${vm.consoleText().slice(-2000)}`),
        );
      const result: SandboxResult = {
        exitCode: exit?.code ?? null,
        signal: exit?.signal ?? (timedOut ? 'SIGKILL' : null),
        timedOut,
        stdout: stdout.text(),
        stderr: stderr.text(),
        durationMs: performance.now() - started,
        readyMs: launched.readyMs,
      };
      if (stdout.dropped > 0 || stderr.dropped > 0)
        result.dropped = { stdout: stdout.dropped, stderr: stderr.dropped };
      return result;
    } finally {
      await vm.destroy();
    }
  }

  #launch(chosen: ChosenBackend, image: GuestImage, runDir: string, spec: SandboxSpec): Promise<LaunchedVm> {
    const memoryMb = this.#options.memoryMb ?? 2048;
    const snapshots = this.#options.snapshots ?? true;
    const bootTimeoutMs = this.#options.bootTimeoutMs ?? 120_000;
    if (chosen.kind === 'firecracker') {
      return launchFirecracker(image, runDir, {
        firecrackerPath: chosen.firecrackerPath,
        memoryMb,
        snapshots,
        bootTimeoutMs,
      });
    }
    const tscKhz = chosen.accel === 'tcg' ? hostTscKhz() : undefined;
    const vcpus = this.#options.vcpus ?? (chosen.accel === 'tcg' ? 1 : 2);
    return launchQemu(image, runDir, {
      qemuPath: chosen.qemuPath,
      accel: chosen.accel,
      memoryMb,
      vcpus,
      snapshots,
      bootTimeoutMs,
      ...(tscKhz === undefined ? {} : { tscKhz }),
      ...(spec.standby === undefined
        ? {}
        : { standby: { command: spec.standby.command, env: spec.env, readyLine: STANDBY_READY_LINE } }),
    });
  }
}
