/**
 * Points the recorded configuration at the replay's stand-ins where they do not sit at the
 * recorded addresses (the process sandbox, which has no network namespace of its own): every
 * `host:port` of a dependency, and every recorded SQLite path, inside any env value.
 */
import type { HostPort } from './recorded-endpoints.js';

export interface AddressMove {
  from: HostPort;
  to: HostPort;
}

export interface PathMove {
  from: string;
  to: string;
}

export interface RewrittenEnv {
  env: Record<string, string>;
  /** Names of the variables whose value changed. */
  changed: string[];
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost'];
const DEFAULT_PORT_SCHEMES: Record<number, string[]> = {
  80: ['http'],
  443: ['https'],
  5432: ['postgres', 'postgresql'],
  6379: ['redis', 'rediss'],
};

/**
 * Pure. `127.0.0.1` and `localhost` count as the same host, since a driver may record either
 * for the same configuration.
 *
 * @example
 * rewriteEnv({ REDIS_URL: 'redis://127.0.0.1:6379/0' },
 *   [{ from: { host: '127.0.0.1', port: 6379 }, to: { host: '127.0.0.1', port: 40123 } }], []);
 * // { env: { REDIS_URL: 'redis://127.0.0.1:40123/0' }, changed: ['REDIS_URL'] }
 */
export function rewriteEnv(
  env: Record<string, string>,
  moves: readonly AddressMove[],
  paths: readonly PathMove[],
): RewrittenEnv {
  const out: Record<string, string> = {};
  const changed: string[] = [];
  for (const [name, value] of Object.entries(env)) {
    let next = value;
    for (const move of moves) next = moveAddress(next, move);
    for (const path of paths) next = next.split(path.from).join(path.to);
    out[name] = next;
    if (next !== value) changed.push(name);
  }
  return { env: out, changed };
}

function moveAddress(value: string, { from, to }: AddressMove): string {
  if (from.host === to.host && from.port === to.port) return value;
  const hosts = LOOPBACK_NAMES.includes(from.host) ? LOOPBACK_NAMES : [from.host];
  const target = `${formatHost(to.host)}:${to.port}`;
  let next = value;
  for (const host of hosts) {
    const explicit = new RegExp(`(^|[/@,=\\s;])${escapeRegExp(formatHost(host))}:${from.port}(?!\\d)`, 'g');
    next = next.replace(explicit, (_, before: string) => `${before}${target}`);
    // A URL that leaves the port out means the scheme's default port.
    const schemes = DEFAULT_PORT_SCHEMES[from.port] ?? [];
    if (schemes.length > 0) {
      const implicit = new RegExp(
        `((?:${schemes.join('|')})://(?:[^@/\\s]*@)?)${escapeRegExp(formatHost(host))}(?=[/?#\\s,;]|$)`,
        'gi',
      );
      next = next.replace(implicit, (_, prefix: string) => `${prefix}${target}`);
    }
  }
  return next;
}

function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
