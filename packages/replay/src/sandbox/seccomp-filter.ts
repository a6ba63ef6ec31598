/**
 * A classic-BPF seccomp program for bubblewrap's `--seccomp FD`.
 *
 * Why: a read-only bind of the host still exposes every Unix socket on its file system
 * (`/run/postgresql/.s.PGSQL.5432`, `/var/run/docker.sock`, …), and a read-only mount does not
 * stop `connect()` on a socket file. The network namespace cuts TCP/UDP and abstract Unix
 * sockets, not these. So `socket(AF_UNIX, …)` is refused with EACCES. `socketpair()` (how Node
 * wires a child's stdio and IPC) stays allowed: a pair cannot reach anything outside.
 * `io_uring_setup` is refused with ENOSYS because io_uring can open sockets without passing
 * through the `socket` system call; libuv falls back to its thread pool.
 *
 * New user namespaces (`unshare`/`clone` with CLONE_NEWUSER) are refused with EPERM: nothing the
 * runner does needs one, and each is kernel attack surface. bwrap's own `--disable-userns` cannot
 * be used for this: it nests the command in a second user namespace, whose capabilities no longer
 * reach the network namespace, so binding the recorded port 443 fails. `clone3` passes its flags
 * in memory a filter cannot read, so it is refused with ENOSYS, which makes glibc fall back to
 * `clone` (as Docker's default profile does). System calls of a foreign ABI (x32, i386 compat)
 * are refused too, since their numbers are not the ones checked here.
 */

const BPF_LD_W_ABS = 0x20;
const BPF_JEQ_K = 0x15;
const BPF_JGE_K = 0x35;
const BPF_JSET_K = 0x45;
const BPF_RET_K = 0x06;
const SECCOMP_RET_ALLOW = 0x7fff0000;
const SECCOMP_RET_ERRNO = 0x00050000;
const EPERM = 1;
const EACCES = 13;
const ENOSYS = 38;
const AF_UNIX = 1;
const CLONE_NEWUSER = 0x10000000;
// struct seccomp_data: int nr; __u32 arch; __u64 instruction_pointer; __u64 args[6] (little endian).
const OFFSET_NR = 0;
const OFFSET_ARCH = 4;
const OFFSET_ARG0_LOW = 16;

interface ArchTable {
  auditArch: number;
  socket: number;
  ioUringSetup: number;
  unshare: number;
  clone: number;
  clone3: number;
  /** Numbers at or above this belong to another ABI on the same architecture (x32). */
  foreignAbiFrom?: number;
}

const ARCHES: Record<string, ArchTable> = {
  x64: {
    auditArch: 0xc000003e,
    socket: 41,
    ioUringSetup: 425,
    unshare: 272,
    clone: 56,
    clone3: 435,
    foreignAbiFrom: 0x40000000,
  },
  arm64: { auditArch: 0xc00000b7, socket: 198, ioUringSetup: 425, unshare: 97, clone: 220, clone3: 435 },
};

type Label = 'allow' | 'deny-eacces' | 'deny-eperm' | 'deny-enosys' | 'check-flags' | 'next';
type Step =
  | { op: 'load'; offset: number; label?: Label }
  | { op: 'jeq' | 'jge' | 'jset'; k: number; ifTrue: Label; ifFalse: Label }
  | { op: 'ret'; value: number; label?: Label };

/** The architectures {@link seccompProgram} has system call numbers for (Node's `process.arch`). */
export const SECCOMP_ARCHES = Object.keys(ARCHES);

/**
 * The filter for `arch` (a `process.arch` value) as the bytes of a `struct sock_filter[]`, or
 * `undefined` where this module does not know the architecture's system call numbers.
 */
export function seccompProgram(arch: string): Buffer | undefined {
  const table = ARCHES[arch];
  if (table === undefined) return undefined;
  const steps: Step[] = [
    { op: 'load', offset: OFFSET_ARCH },
    { op: 'jeq', k: table.auditArch, ifTrue: 'next', ifFalse: 'deny-enosys' },
    { op: 'load', offset: OFFSET_NR },
    ...(table.foreignAbiFrom === undefined
      ? []
      : [{ op: 'jge', k: table.foreignAbiFrom, ifTrue: 'deny-enosys', ifFalse: 'next' } as const]),
    { op: 'jeq', k: table.ioUringSetup, ifTrue: 'deny-enosys', ifFalse: 'next' },
    { op: 'jeq', k: table.clone3, ifTrue: 'deny-enosys', ifFalse: 'next' },
    { op: 'jeq', k: table.unshare, ifTrue: 'check-flags', ifFalse: 'next' },
    { op: 'jeq', k: table.clone, ifTrue: 'check-flags', ifFalse: 'next' },
    { op: 'jeq', k: table.socket, ifTrue: 'next', ifFalse: 'allow' },
    // socket(family, …): the family is the first argument.
    { op: 'load', offset: OFFSET_ARG0_LOW },
    { op: 'jeq', k: AF_UNIX, ifTrue: 'deny-eacces', ifFalse: 'allow' },
    // unshare(flags) and clone(flags, …): the flags are the first argument on both architectures.
    { op: 'load', offset: OFFSET_ARG0_LOW, label: 'check-flags' },
    { op: 'jset', k: CLONE_NEWUSER, ifTrue: 'deny-eperm', ifFalse: 'allow' },
    { op: 'ret', value: SECCOMP_RET_ALLOW, label: 'allow' },
    { op: 'ret', value: SECCOMP_RET_ERRNO | EACCES, label: 'deny-eacces' },
    { op: 'ret', value: SECCOMP_RET_ERRNO | EPERM, label: 'deny-eperm' },
    { op: 'ret', value: SECCOMP_RET_ERRNO | ENOSYS, label: 'deny-enosys' },
  ];
  return assemble(steps);
}

function assemble(steps: Step[]): Buffer {
  const at = new Map<Label, number>();
  steps.forEach((step, index) => {
    if ((step.op === 'ret' || step.op === 'load') && step.label !== undefined) at.set(step.label, index);
  });
  // Jump offsets are relative to the next instruction and must point forward.
  const offset = (from: number, label: Label): number => {
    const target = label === 'next' ? from + 1 : at.get(label);
    if (target === undefined || target <= from || target - from - 1 > 255) {
      throw new Error(`seccomp program: bad jump to ${label} from ${from}`);
    }
    return target - from - 1;
  };
  const out = Buffer.alloc(steps.length * 8);
  steps.forEach((step, index) => {
    const base = index * 8;
    if (step.op === 'load') {
      out.writeUInt16LE(BPF_LD_W_ABS, base);
      out.writeUInt32LE(step.offset, base + 4);
    } else if (step.op === 'ret') {
      out.writeUInt16LE(BPF_RET_K, base);
      out.writeUInt32LE(step.value >>> 0, base + 4);
    } else {
      out.writeUInt16LE({ jeq: BPF_JEQ_K, jge: BPF_JGE_K, jset: BPF_JSET_K }[step.op], base);
      out.writeUInt8(offset(index, step.ifTrue), base + 2);
      out.writeUInt8(offset(index, step.ifFalse), base + 3);
      out.writeUInt32LE(step.k >>> 0, base + 4);
    }
  });
  return out;
}
