/**
 * Firecracker's REST API over its Unix socket (https://github.com/firecracker-microvm/firecracker,
 * `src/firecracker/swagger/firecracker.yaml`): configure, boot, pause, snapshot and restore.
 */
import { request } from 'node:http';

export class FirecrackerApiError extends Error {
  override readonly name = 'FirecrackerApiError';
}

export class FirecrackerApi {
  readonly #socketPath: string;

  constructor(socketPath: string) {
    this.#socketPath = socketPath;
  }

  put(path: string, body: unknown): Promise<void> {
    return this.#send('PUT', path, body);
  }

  patch(path: string, body: unknown): Promise<void> {
    return this.#send('PATCH', path, body);
  }

  #send(method: string, path: string, body: unknown): Promise<void> {
    const payload = JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = request(
        {
          socketPath: this.#socketPath,
          method,
          path,
          headers: {
            'content-type': 'application/json',
            accept: 'application/json',
            'content-length': Buffer.byteLength(payload),
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            text += chunk;
          });
          res.on('end', () => {
            if ((res.statusCode ?? 500) < 300) return resolve();
            let fault = text;
            try {
              fault = (JSON.parse(text) as { fault_message?: string }).fault_message ?? text;
            } catch {
              // not JSON: keep the text
            }
            reject(new FirecrackerApiError(`${method} ${path}: ${res.statusCode} ${fault}`));
          });
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }
}

export interface BootConfig {
  kernel: string;
  initrd: string;
  bootArgs: string;
  rootfs: string;
  memoryMb: number;
}

/** Machine, kernel, the read-only root image; then starts the guest. */
export async function bootGuest(api: FirecrackerApi, config: BootConfig): Promise<void> {
  await api.put('/machine-config', { vcpu_count: 1, mem_size_mib: config.memoryMb, smt: false });
  await api.put('/boot-source', {
    kernel_image_path: config.kernel,
    initrd_path: config.initrd,
    boot_args: config.bootArgs,
  });
  await api.put('/drives/root', {
    drive_id: 'root',
    path_on_host: config.rootfs,
    is_root_device: false,
    is_read_only: true,
  });
  await api.put('/actions', { action_type: 'InstanceStart' });
}

export interface SnapshotFiles {
  /** The VM state (devices, vCPUs). */
  snapshotPath: string;
  /** Guest memory. */
  memPath: string;
}

/** Pauses the guest and writes a full snapshot. */
export async function snapshotGuest(api: FirecrackerApi, files: SnapshotFiles): Promise<void> {
  await api.patch('/vm', { state: 'Paused' });
  await api.put('/snapshot/create', {
    snapshot_type: 'Full',
    snapshot_path: files.snapshotPath,
    mem_file_path: files.memPath,
  });
}

/** Loads a snapshot into a fresh Firecracker process and resumes the guest. */
export async function restoreGuest(api: FirecrackerApi, files: SnapshotFiles): Promise<void> {
  await api.put('/snapshot/load', {
    snapshot_path: files.snapshotPath,
    mem_backend: { backend_type: 'File', backend_path: files.memPath },
    resume_vm: true,
  });
}
