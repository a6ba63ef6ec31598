/**
 * The app's port inside a sandbox, kept out of the kernel's ephemeral range. A recorded port is
 * often itself ephemeral (an app started on port 0, or a harness's free port), and every outgoing
 * connection made before the app listens — its database pool, its Redis client — draws a local
 * port from that range: when one draws the app's port, the app's `listen` fails with EADDRINUSE.
 * Narrowing the range needs CAP_NET_ADMIN, which the sandbox does not get; moving the app does not.
 */
import { freePortBelow } from '@flashback/ports';

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
