/**
 * Compares the path and query of a replayed request with the recorded URL. Query parameters are
 * compared order-insensitively; volatile parameters (SigV4 `X-Amz-*`, timestamps, nonces) need
 * only be present. S3 calls also match when the app addresses the bucket the other way
 * (path-style `/bucket/key` against the stub, virtual-hosted `bucket.s3…/key` when recorded). Pure.
 */
import type { AwsCall } from '@flashback/protocol/types';
import { isVolatileKey } from './volatile-keys.js';
import { sameText } from './volatile-text.js';

/** Where a replayed request went: its request target (path and query) and Host header. */
export interface ActualTarget {
  target: string;
  host: string | undefined;
}

/** Why the replayed target differs from the recorded URL, or `undefined` when it matches. */
export function targetDifference(
  recordedUrl: string,
  aws: AwsCall | undefined,
  actual: ActualTarget,
): string | undefined {
  const recorded = new URL(recordedUrl);
  const got = new URL(actual.target, 'http://stub.invalid');
  const recordedPath = decodePath(recorded.pathname);
  const gotPath = decodePath(got.pathname);
  if (!sameText(recordedPath, gotPath) && !sameS3Object(aws, gotPath, actual.host)) {
    return `path: recorded ${recordedPath}, got ${gotPath}`;
  }
  return queryDifference(recorded.searchParams, got.searchParams);
}

function queryDifference(recorded: URLSearchParams, actual: URLSearchParams): string | undefined {
  const unmatched = [...actual];
  for (const [name, value] of recorded) {
    const at = unmatched.findIndex(([n, v]) => n === name && (isVolatileKey(name) || sameText(value, v)));
    if (at < 0) {
      const other = unmatched.find(([n]) => n === name);
      return other
        ? `query: ${name}=${other[1]}, recorded ${name}=${value}`
        : `query: parameter ${name} is missing`;
    }
    unmatched.splice(at, 1);
  }
  const extra = unmatched[0];
  return extra ? `query: unexpected parameter ${extra[0]}` : undefined;
}

/**
 * Whether a request for `path` on `host` reads or writes the recorded S3 object, in either
 * addressing style: the bucket as the first path segment, or as the first label of the host.
 */
function sameS3Object(aws: AwsCall | undefined, path: string, host: string | undefined): boolean {
  if (!aws?.bucket) return false;
  const key = aws.key ?? '';
  const [, bucket = '', ...rest] = path.split('/');
  if (bucket === aws.bucket && sameText(key, rest.join('/'))) return true;
  const label = host?.split('.', 1)[0];
  return label === aws.bucket && sameText(key, path.slice(1));
}

function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
