/**
 * The app's port inside a sandbox, kept out of the kernel's ephemeral range. A recorded port is
 * often itself ephemeral (an app started on port 0, or a harness's free port), and every outgoing
 * connection made before the app listens — its database pool, its Redis client — draws a local
 * port from that range: when one draws the app's port, the app's `listen` fails with EADDRINUSE.
 * Narrowing the range needs CAP_NET_ADMIN, which the sandbox does not get; moving the app does not.
 */
import { readFile } from 'node:fs/promises';

export const EPHEMERAL_RANGE_FILE = '/proc/sys/net/ipv4/ip_local_port_range';
const LOWEST_CANDIDATE = 1024;

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
 * `port` when it lies outside `range`, else the highest free port just below the range (stubs
 * listening on recorded ports are skipped by `isFree`); `port` again when none is free.
 */
export async function portOutsideRange(
  port: number,
  range: [number, number] | undefined,
  isFree: (candidate: number) => Promise<boolean>,
): Promise<number> {
  if (range === undefined || port < range[0] || port > range[1]) return port;
  for (let candidate = range[0] - 1; candidate > LOWEST_CANDIDATE; candidate--) {
    if (await isFree(candidate)) return candidate;
  }
  return port;
}
