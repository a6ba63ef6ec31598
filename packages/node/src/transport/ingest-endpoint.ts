import { debug } from '../debug-logger.js';

/** Where and how to post packages, derived from the DSN. */
export interface IngestEndpoint {
  /** `<origin>[/<path prefix>]/api/<project>/packages` */
  url: URL;
  /** The project key: the DSN user name, sent as `x-flashback-key`. */
  key: string;
  project: string;
}

/**
 * Turns `http(s)://<key>@host:port[/prefix]/<project>` into the ingest endpoint. The last path
 * segment is the project; anything before it is kept as a prefix, for a collector mounted under a
 * path behind a proxy. Returns undefined, with a debug warning, when the key or project is missing.
 */
export function ingestEndpoint(dsn: URL): IngestEndpoint | undefined {
  const key = safeDecode(dsn.username);
  const segments = dsn.pathname.split('/').filter((segment) => segment !== '');
  const project = segments.pop();
  if (!key || !project || (dsn.protocol !== 'http:' && dsn.protocol !== 'https:')) {
    debug.warn(
      `the DSN ${dsn.protocol}//***@${dsn.host}${dsn.pathname} needs http(s), a key and a project: http://<key>@host:port/<project>; not sending to a collector`,
    );
    return undefined;
  }
  const prefix = segments.map((segment) => `/${segment}`).join('');
  const url = new URL(`${dsn.protocol}//${dsn.host}${prefix}/api/${project}/packages`);
  return { url, key, project: safeDecode(project) };
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
