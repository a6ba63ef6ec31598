/**
 * The messages between the host and the guest agent, one JSON document per line, each line
 * starting with a marker so that they can share a serial console with the kernel's own output.
 * Pure: the guest agent imports this file too, so it uses nothing but the language.
 */

export const FRAME_MARKER = '\u001eFBA1 ';

/** In the guest image: makes the kernel reseed its random generator (see `reseed-helper.ts`). */
export const RESEED_HELPER = '/opt/flashback/reseed-random';

/** Files of a work directory, by path relative to it, base64. */
export type FileMap = Record<string, string>;

export interface RunMessage {
  t: 'run';
  /** Epoch ms on the host: the guest's clock is set to it. */
  clockMs: number;
  /** Fresh bytes (hex) mixed into the guest's entropy pool before anything runs. */
  seed: string;
  /** A fresh identity for the run: the guest's hostname and machine id. */
  runId: string;
  command: string[];
  cwd: string;
  env: Record<string, string>;
  workDir: string;
  files: FileMap;
  /** The full text of /etc/hosts. */
  hosts: string;
  /** Given to the standby process on its stdin, when one waits: it does the run instead of `command`. */
  standbyInput?: string;
}

/** Start `command` and wait until it writes `readyLine` on stderr (before a snapshot is taken). */
export interface StandbyMessage {
  t: 'standby';
  command: string[];
  env: Record<string, string>;
  readyLine: string;
}

export type HostMessage = { t: 'hello' } | StandbyMessage | RunMessage;

export type GuestMessage =
  /** The agent is loaded and waits for a job; `uptimeMs` is the guest's uptime. */
  | { t: 'ready'; uptimeMs: number }
  /** The standby process waits for its input; `ms` from its start. */
  | { t: 'standing-by'; ms: number }
  /** The command was spawned (or the standby process given its input: `standby` true). */
  | { t: 'started'; standby?: boolean }
  | { t: 'stderr'; line: string }
  | { t: 'stdout'; data: string }
  | {
      t: 'exit';
      code: number | null;
      signal: string | null;
      files: FileMap;
      /** Work-directory files not sent back because of the size cap. */
      skipped: string[];
    }
  /** The agent itself failed; the command's result is unknown. */
  | { t: 'fault'; message: string };

export function encodeFrame(message: HostMessage | GuestMessage): string {
  return `${FRAME_MARKER}${JSON.stringify(message)}\n`;
}

/** The message a line carries, or undefined for any other line (kernel output, noise). */
export function decodeFrame(line: string): unknown {
  const at = line.indexOf(FRAME_MARKER);
  if (at < 0) return undefined;
  try {
    const value: unknown = JSON.parse(line.slice(at + FRAME_MARKER.length));
    return typeof value === 'object' && value !== null && 't' in value ? value : undefined;
  } catch {
    return undefined;
  }
}

const GUEST_TYPES = new Set(['ready', 'standing-by', 'started', 'stderr', 'stdout', 'exit', 'fault']);

export function decodeGuestFrame(line: string): GuestMessage | undefined {
  const value = decodeFrame(line) as { t?: unknown } | undefined;
  return value !== undefined && GUEST_TYPES.has(String(value.t)) ? (value as GuestMessage) : undefined;
}

export function decodeHostFrame(line: string): HostMessage | undefined {
  const value = decodeFrame(line) as { t?: unknown } | undefined;
  return value?.t === 'hello' || value?.t === 'standby' || value?.t === 'run'
    ? (value as HostMessage)
    : undefined;
}
