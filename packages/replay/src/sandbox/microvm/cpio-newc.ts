/** A cpio archive in the `newc` format the kernel unpacks as an initramfs. Pure. */

export type CpioEntry =
  | { kind: 'dir'; path: string; mode?: number }
  | { kind: 'file'; path: string; data: Uint8Array; mode?: number }
  | { kind: 'symlink'; path: string; target: string };

const TYPE = { dir: 0o040000, file: 0o100000, symlink: 0o120000 } as const;
const DEFAULT_MODE = { dir: 0o755, file: 0o644, symlink: 0o777 } as const;

/**
 * The archive of `entries`, in order (a directory must come before what it holds). Paths are
 * relative to the archive's root, without a leading slash.
 *
 * @example
 * writeCpio([{ kind: 'dir', path: 'bin' }, { kind: 'file', path: 'init', data, mode: 0o755 }]);
 */
export function writeCpio(entries: CpioEntry[]): Buffer {
  const parts: Buffer[] = [];
  let ino = 1;
  for (const entry of entries) {
    if (entry.path === '' || entry.path.startsWith('/')) {
      throw new Error(`cpio entry path must be relative and not empty, got "${entry.path}"`);
    }
    const data =
      entry.kind === 'file'
        ? Buffer.from(entry.data)
        : entry.kind === 'symlink'
          ? Buffer.from(entry.target)
          : Buffer.alloc(0);
    const mode =
      TYPE[entry.kind] | (entry.kind === 'symlink' ? 0o777 : (entry.mode ?? DEFAULT_MODE[entry.kind]));
    parts.push(record(entry.path, ino++, mode, entry.kind === 'dir' ? 2 : 1, data));
  }
  parts.push(record('TRAILER!!!', 0, 0, 1, Buffer.alloc(0)));
  return Buffer.concat(parts);
}

function record(path: string, ino: number, mode: number, nlink: number, data: Buffer): Buffer {
  const name = Buffer.from(`${path}\0`);
  const fields = [ino, mode, 0, 0, nlink, 0, data.length, 0, 0, 0, 0, name.length, 0];
  const header = Buffer.from(`070701${fields.map((f) => f.toString(16).padStart(8, '0')).join('')}`);
  return Buffer.concat([header, name, pad(header.length + name.length), data, pad(data.length)]);
}

function pad(length: number): Buffer {
  return Buffer.alloc((4 - (length % 4)) % 4);
}
