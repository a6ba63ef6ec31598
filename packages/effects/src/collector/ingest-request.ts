/** The collector's ingest contract: `POST <base>/api/<project>/packages` with the project key. */
import type { ErrorPackage } from '@flashback/protocol/types';

export interface IngestRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * Builds the request that delivers `packages` to the collector named by `dsn`,
 * `http(s)://<key>@host:port[/prefix]/<project>` (the format of FLASHBACK_DSN).
 */
export function ingestRequest(dsn: string, packages: readonly ErrorPackage[]): IngestRequest {
  let url: URL;
  try {
    url = new URL(dsn);
  } catch {
    throw new TypeError(
      `invalid DSN ${JSON.stringify(redact(dsn))}; expected http://<key>@host:port/<project>`,
    );
  }
  const key = decodeURIComponent(url.username);
  const segments = url.pathname.split('/').filter(Boolean);
  const project = segments.pop();
  if (!key || !project || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new TypeError(
      `the DSN ${redact(dsn)} needs http(s), a key and a project: http://<key>@host:port/<project>`,
    );
  }
  const prefix = segments.map((segment) => `/${segment}`).join('');
  return {
    url: `${url.protocol}//${url.host}${prefix}/api/${project}/packages`,
    headers: { 'content-type': 'application/json', 'x-flashback-key': key },
    body: JSON.stringify({ packages }),
  };
}

function redact(dsn: string): string {
  return dsn.replace(/\/\/[^@/]*@/, '//***@');
}
