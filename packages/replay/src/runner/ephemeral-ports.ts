/**
 * The app's port inside a sandbox, kept out of the kernel's ephemeral range. A recorded port is
 * often itself ephemeral (an app started on port 0, or a harness's free port), and every outgoing
 * connection made before the app listens — its database pool, its Redis client — draws a local
 * port from that range: when one draws the app's port, the app's `listen` fails with EADDRINUSE.
 * Narrowing the range needs CAP_NET_ADMIN, which the sandbox does not get; moving the app does not.
 */
import { readFile } from 'node:fs/promises';

export const EPHEMERAL_RANGE_FILE = '/proc/sys/net/ipv4/ip_local_port_range';
// Above the well-known and most registered ports.
const LOWEST_CANDIDATE = 10_000;

/** `[low, high]` from the kernel's `ip_local_port_range`, or undefined when unreadable. */
export async function ephemeralRange(file = EPHEMERAL_RANGE_FILE): Promise<[number, number] | undefined> {
  const text = await readFile(file, 'utf8').catch(() => '');
  const [low, high] = text.trim().split(/\s+/).map(Number);
  if (low === undefined || high === undefined || !Number.isInteger(low) || !Number.isInteger(high)) {
    return undefined;
  }
  return [low, high];
}

/**
 * `port` when it lies outside `range`, else a free port below the range (stubs listening on
 * recorded ports are skipped by `isFree`); `port` again when none is found.
 */
export async function portOutsideRange(
  port: number,
  range: [number, number] | undefined,
  isFree: (candidate: number) => Promise<boolean>,
): Promise<number> {
  if (range === undefined || port < range[0] || port > range[1]) return port;
  return (await freePortBelow(range, isFree)) ?? port;
}

/**
 * A port below `range` that `isFree` accepts, tried at random so that concurrent callers rarely
 * meet on one; undefined after `attempts` misses.
 */
export async function freePortBelow(
  range: [number, number],
  isFree: (candidate: number) => Promise<boolean>,
  attempts = 20,
): Promise<number | undefined> {
  const span = range[0] - LOWEST_CANDIDATE;
  if (span <= 0) return undefined;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const candidate = LOWEST_CANDIDATE + Math.floor(Math.random() * span);
    if (await isFree(candidate)) return candidate;
  }
  return undefined;
}
