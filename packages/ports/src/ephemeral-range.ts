/** The kernel's ephemeral port range, read from procfs. */
import { readFile } from 'node:fs/promises';

export const EPHEMERAL_RANGE_FILE = '/proc/sys/net/ipv4/ip_local_port_range';

/** `[low, high]` from the kernel's `ip_local_port_range`, or undefined when unreadable. */
export async function ephemeralRange(file = EPHEMERAL_RANGE_FILE): Promise<[number, number] | undefined> {
  const text = await readFile(file, 'utf8').catch(() => '');
  const [low, high] = text.trim().split(/\s+/).map(Number);
  if (low === undefined || high === undefined || !Number.isInteger(low) || !Number.isInteger(high)) {
    return undefined;
  }
  return [low, high];
}
