/**
 * A 179-byte static x86-64 Linux program that makes the kernel reseed its random generator now
 * (`ioctl(open("/dev/urandom"), RNDRESEEDCRNG)`), exiting with 0 or the errno. Writing bytes to
 * /dev/urandom only mixes them into the input pool: without a reseed, every VM restored from one
 * snapshot hands out the same random numbers until the kernel's next scheduled reseed. Node cannot
 * issue ioctls and busybox has no applet for it, hence this. Source (GNU as, Intel syntax):
 *
 *     mov eax, 2            ; open(path, O_WRONLY)
 *     lea rdi, [rip + path]
 *     mov esi, 1
 *     syscall
 *     mov edi, eax          ; ioctl(fd, RNDRESEEDCRNG = _IO('R', 7), 0)
 *     mov eax, 16
 *     mov esi, 0x5207
 *     xor edx, edx
 *     syscall
 *     mov edi, eax          ; exit(-result)
 *     neg edi
 *     mov eax, 60
 *     syscall
 *   path: .asciz "/dev/urandom"
 */
const CODE = Buffer.from(
  'b802000000488d3d22000000be010000000f0589c7b810000000be0752000031d20f0589c7f7dfb83c0000000f052f6465762f7572616e646f6d00',
  'hex',
);

const LOAD_ADDRESS = 0x400000;
const ELF_HEADER_SIZE = 64;
const PROGRAM_HEADER_SIZE = 56;

/** The program as an ELF executable: one header, one loadable read+execute segment. */
export function reseedHelperElf(): Buffer {
  const headers = ELF_HEADER_SIZE + PROGRAM_HEADER_SIZE;
  const file = Buffer.alloc(headers + CODE.length);
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]).copy(file, 0); // ELF, 64-bit, little endian, SysV
  file.writeUInt16LE(2, 16); // ET_EXEC
  file.writeUInt16LE(0x3e, 18); // x86-64
  file.writeUInt32LE(1, 20);
  file.writeBigUInt64LE(BigInt(LOAD_ADDRESS + headers), 24); // entry
  file.writeBigUInt64LE(BigInt(ELF_HEADER_SIZE), 32); // program headers' offset
  file.writeUInt16LE(ELF_HEADER_SIZE, 52);
  file.writeUInt16LE(PROGRAM_HEADER_SIZE, 54);
  file.writeUInt16LE(1, 56); // one program header
  const ph = ELF_HEADER_SIZE;
  file.writeUInt32LE(1, ph); // PT_LOAD
  file.writeUInt32LE(5, ph + 4); // R+X
  file.writeBigUInt64LE(BigInt(LOAD_ADDRESS), ph + 16);
  file.writeBigUInt64LE(BigInt(LOAD_ADDRESS), ph + 24);
  file.writeBigUInt64LE(BigInt(file.length), ph + 32);
  file.writeBigUInt64LE(BigInt(file.length), ph + 40);
  file.writeBigUInt64LE(0x1000n, ph + 48);
  CODE.copy(file, headers);
  return file;
}
