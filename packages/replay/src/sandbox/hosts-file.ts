import { isIP } from 'node:net';
import { SandboxError } from './errors.js';

// RFC 1123 labels, plus `_` which real service names (and some recorded hosts) use.
const HOST_NAME =
  /^(?=.{1,253}$)[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*\.?$/;

/**
 * The sandbox's own `/etc/hosts`: loopback names, the sandbox host name, then each recorded host
 * name mapped to its address (normally loopback, where its stub listens).
 *
 * @throws SandboxError `FB_SANDBOX_INVALID_SPEC` for a name or address that is not one: a line
 * break in either would let an entry smuggle in more entries.
 *
 * @example
 * renderHostsFile({ 'payments.example.com': '127.0.0.1' }, 'flashback-sandbox');
 * // 127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n
 * // 127.0.1.1\tflashback-sandbox\n127.0.0.1\tpayments.example.com\n
 */
export function renderHostsFile(hosts: Record<string, string>, hostname: string): string {
  const lines = [
    '127.0.0.1\tlocalhost',
    '::1\tlocalhost ip6-localhost ip6-loopback',
    `127.0.1.1\t${hostname}`,
  ];
  const bad: string[] = [];
  for (const [name, address] of Object.entries(hosts)) {
    if (!HOST_NAME.test(name)) bad.push(`"${name}" is not a host name`);
    else if (isIP(address) === 0) bad.push(`"${address}" (for ${name}) is not an IP address`);
    else lines.push(`${address}\t${name}`);
  }
  if (bad.length > 0) {
    throw new SandboxError('FB_SANDBOX_INVALID_SPEC', `invalid sandbox hosts: ${bad.join('; ')}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Checks the spec's host entries without rendering them (for drivers that cannot apply them). */
export function validateHosts(hosts: Record<string, string>): void {
  renderHostsFile(hosts, 'localhost');
}
