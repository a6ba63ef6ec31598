/**
 * The seccomp program, run through a small classic-BPF interpreter for the instructions it uses,
 * against the system calls it must refuse and a sample of those it must let through. The
 * namespace tests prove the same filter in the kernel.
 */
import { describe, expect, test } from 'vitest';
import { SECCOMP_ARCHES, seccompProgram } from '../../src/sandbox/seccomp-filter.js';

const ALLOW = 0x7fff0000;
const errno = (code: number) => 0x00050000 | code;
const EPERM = 1;
const EACCES = 13;
const ENOSYS = 38;
const AUDIT_ARCH = { x64: 0xc000003e, arm64: 0xc00000b7, i386: 0x40000003 };

/** Evaluates the filter for one system call (arch, nr, first argument). */
function evaluate(program: Buffer, arch: number, nr: number, arg0 = 0): number {
  const data = Buffer.alloc(64);
  data.writeInt32LE(nr, 0);
  data.writeUInt32LE(arch, 4);
  data.writeBigUInt64LE(BigInt(arg0), 16);
  let accumulator = 0;
  for (let pc = 0; pc < program.length / 8; ) {
    const code = program.readUInt16LE(pc * 8);
    const jt = program.readUInt8(pc * 8 + 2);
    const jf = program.readUInt8(pc * 8 + 3);
    const k = program.readUInt32LE(pc * 8 + 4);
    switch (code) {
      case 0x20: // ld [k]
        accumulator = data.readUInt32LE(k);
        pc++;
        break;
      case 0x15: // jeq #k
        pc += 1 + (accumulator === k ? jt : jf);
        break;
      case 0x35: // jge #k
        pc += 1 + (accumulator >= k ? jt : jf);
        break;
      case 0x45: // jset #k
        pc += 1 + ((accumulator & k) !== 0 ? jt : jf);
        break;
      case 0x06: // ret #k
        return k;
      default:
        throw new Error(`unexpected BPF instruction 0x${code.toString(16)} at ${pc}`);
    }
  }
  throw new Error('program ran off its end');
}

const X64 = {
  socket: 41,
  read: 0,
  connect: 42,
  socketpair: 53,
  ioUringSetup: 425,
  unshare: 272,
  clone: 56,
  clone3: 435,
};
const ARM64 = {
  socket: 198,
  read: 63,
  connect: 203,
  socketpair: 199,
  ioUringSetup: 425,
  unshare: 97,
  clone: 220,
  clone3: 435,
};

describe('seccomp filter', () => {
  test('is known for x64 and arm64 and absent elsewhere', () => {
    expect(SECCOMP_ARCHES).toEqual(['x64', 'arm64']);
    expect(seccompProgram('ppc64')).toBeUndefined();
  });

  for (const [arch, nr] of [
    ['x64', X64],
    ['arm64', ARM64],
  ] as const) {
    describe(arch, () => {
      const program = seccompProgram(arch) as Buffer;
      const native = AUDIT_ARCH[arch];

      test('refuses Unix sockets and lets network sockets through (the network namespace confines those)', () => {
        expect(evaluate(program, native, nr.socket, 1)).toBe(errno(EACCES)); // AF_UNIX
        expect(evaluate(program, native, nr.socket, 2)).toBe(ALLOW); // AF_INET
        expect(evaluate(program, native, nr.socket, 10)).toBe(ALLOW); // AF_INET6
        expect(evaluate(program, native, nr.socket, 16)).toBe(ALLOW); // AF_NETLINK (os.networkInterfaces)
      });

      test('lets socketpair and ordinary calls through', () => {
        expect(evaluate(program, native, nr.socketpair, 1)).toBe(ALLOW);
        expect(evaluate(program, native, nr.read)).toBe(ALLOW);
        expect(evaluate(program, native, nr.connect)).toBe(ALLOW);
      });

      test('refuses new user namespaces but not other clones', () => {
        const CLONE_NEWUSER = 0x10000000;
        const threadFlags = 0x003d0f00; // what glibc passes to clone for a pthread
        expect(evaluate(program, native, nr.unshare, CLONE_NEWUSER)).toBe(errno(EPERM));
        expect(evaluate(program, native, nr.clone, CLONE_NEWUSER | 0x11)).toBe(errno(EPERM));
        expect(evaluate(program, native, nr.clone, threadFlags)).toBe(ALLOW);
        expect(evaluate(program, native, nr.unshare, 0x40000000)).toBe(ALLOW); // CLONE_NEWNET alone
        expect(evaluate(program, native, nr.clone3)).toBe(errno(ENOSYS));
      });

      test('refuses io_uring, which could open sockets past the filter', () => {
        expect(evaluate(program, native, nr.ioUringSetup)).toBe(errno(ENOSYS));
      });

      test('refuses every call of a foreign architecture', () => {
        expect(evaluate(program, AUDIT_ARCH.i386, 102, 1)).toBe(errno(ENOSYS));
        expect(evaluate(program, AUDIT_ARCH.i386, 3)).toBe(errno(ENOSYS));
      });
    });
  }

  test('refuses the x32 ABI on x64, whose numbers it does not check', () => {
    const program = seccompProgram('x64') as Buffer;
    expect(evaluate(program, AUDIT_ARCH.x64, 0x40000000 + 41, 1)).toBe(errno(ENOSYS));
  });
});
