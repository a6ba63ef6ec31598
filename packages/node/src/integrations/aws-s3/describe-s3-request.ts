import type { AwsCall } from '@flashback/protocol/types';
import type { AwsCommandHint } from './aws-command-hint.js';
import { type AwsS3Host, parseAwsS3Host } from './s3-host.js';
import { inferS3Operation, type S3Target } from './s3-operation.js';
import {
  type CredentialScope,
  scopeFromAuthorization,
  scopeFromPresignedQuery,
} from './sigv4-credential-scope.js';

/** Outgoing request headers, names in lower case (as a recorded `http` event holds them). */
export type S3RequestHeaders = Readonly<Record<string, string | readonly string[] | number | undefined>>;

/**
 * Recognises an outgoing HTTP request as an Amazon S3 (or S3-compatible) API call and describes
 * it, or returns undefined for any other request. Pure, never throws; meant to be called by the
 * HTTP recorder for every outbound request, with the headers as sent (before redaction).
 *
 * A request is S3 when its SigV4 credential scope (the `Authorization` header, or
 * `X-Amz-Credential` of a presigned URL) names the `s3` service, when its host is an Amazon S3
 * endpoint, or, unsigned, when it carries S3's `x-amz-content-sha256` header. The operation comes
 * from the SDK's `x-id` query parameter or the method and sub-resource; the bucket from a
 * virtual-hosted Amazon host, else the first path segment (path style, as S3-compatible servers
 * are usually addressed); the region from the credential scope, else the host.
 *
 * `hint` is what the AWS SDK said about the call in progress (see `currentAwsCommand()`); when
 * the request is the SDK's S3 call, the hint's operation, bucket and key win, which also covers
 * virtual-hosted requests to custom endpoints (`bucket.localhost:4566`) that the URL alone
 * cannot tell apart from path style. A hint never turns a request signed for another service
 * (an STS call while the SDK fetches credentials) into an S3 call.
 *
 * @example
 * describeS3Request('GET', 'https://receipts.s3.eu-west-1.amazonaws.com/t/a.html?x-id=GetObject', {
 *   authorization: 'AWS4-HMAC-SHA256 Credential=AKIA.../20260101/eu-west-1/s3/aws4_request, ...',
 * });
 * // { service: 's3', operation: 'GetObject', bucket: 'receipts', key: 't/a.html', region: 'eu-west-1' }
 */
export function describeS3Request(
  method: string,
  url: string | URL,
  headers: S3RequestHeaders,
  hint?: AwsCommandHint,
): AwsCall | undefined {
  try {
    const authorization = first(headers.authorization);
    const signedScope = authorization === undefined ? undefined : scopeFromAuthorization(authorization);
    // The common case for non-AWS traffic: signed for another service, or nothing S3-like at all.
    if (signedScope && signedScope.service !== 's3') return undefined;
    if (!signedScope && hint === undefined && typeof url === 'string' && !mayBeS3(url, headers))
      return undefined;
    const target = typeof url === 'string' ? new URL(url) : url;
    const scope = signedScope ?? scopeFromPresignedQuery(target.searchParams);
    if (scope && scope.service !== 's3') return undefined;
    const awsHost = parseAwsS3Host(target.hostname);
    const looksLikeS3 = scope !== undefined || awsHost !== undefined || isUnsignedS3(headers);
    const useHint = hint !== undefined && (looksLikeS3 || namesBucket(target, hint.bucket));
    if (!looksLikeS3 && !useHint) return undefined;

    const located = locate(target, awsHost, useHint ? hint.bucket : undefined);
    const bucket = located.bucket;
    const key = useHint && hint.key !== undefined ? hint.key : located.key;
    const kind: S3Target = bucket === undefined ? 'service' : key === undefined ? 'bucket' : 'object';
    const call: AwsCall = {
      service: 's3',
      operation: useHint
        ? hint.operation
        : inferS3Operation(
            method,
            kind,
            target.searchParams,
            first(headers['x-amz-copy-source']) !== undefined,
          ),
    };
    if (bucket !== undefined) call.bucket = bucket;
    if (key !== undefined) call.key = key;
    const region = regionOf(scope, awsHost, headers);
    if (region !== undefined) call.region = region;
    return call;
  } catch {
    return undefined;
  }
}

const S3_IN_URL = /amazonaws\.com|x-amz-credential/i;

/** A cheap pre-check that spares parsing the URL of the many requests that are not S3 calls. */
function mayBeS3(url: string, headers: S3RequestHeaders): boolean {
  return S3_IN_URL.test(url) || isUnsignedS3(headers);
}

/** Unsigned (or with its signature masked), S3 still names the payload hash in its own header. */
function isUnsignedS3(headers: S3RequestHeaders): boolean {
  return headers['x-amz-content-sha256'] !== undefined && headers['x-amz-glacier-version'] === undefined;
}

function namesBucket(url: URL, bucket: string | undefined): boolean {
  if (!bucket) return false;
  return url.hostname.startsWith(`${bucket}.`) || decode(firstSegment(url.pathname).segment) === bucket;
}

interface Located {
  bucket?: string;
  key?: string;
}

function locate(url: URL, awsHost: AwsS3Host | undefined, knownBucket: string | undefined): Located {
  const path = url.pathname;
  if (knownBucket !== undefined) {
    if (url.hostname.startsWith(`${knownBucket}.`)) return withKey(knownBucket, path.slice(1));
    const { segment, rest } = firstSegment(path);
    // Neither in the host nor the path: an access point or Object Lambda ARN the SDK resolved.
    return decode(segment) === knownBucket ? withKey(knownBucket, rest) : { bucket: knownBucket };
  }
  if (awsHost?.bucket !== undefined) return withKey(awsHost.bucket, path.slice(1));
  const { segment, rest } = firstSegment(path);
  return segment === '' ? {} : withKey(decode(segment), rest);
}

function withKey(bucket: string, encodedKey: string): Located {
  return encodedKey === '' ? { bucket } : { bucket, key: decode(encodedKey) };
}

function firstSegment(path: string): { segment: string; rest: string } {
  const trimmed = path.startsWith('/') ? path.slice(1) : path;
  const slash = trimmed.indexOf('/');
  return slash < 0
    ? { segment: trimmed, rest: '' }
    : { segment: trimmed.slice(0, slash), rest: trimmed.slice(slash + 1) };
}

function regionOf(
  scope: CredentialScope | undefined,
  awsHost: AwsS3Host | undefined,
  headers: S3RequestHeaders,
): string | undefined {
  if (scope?.region) return scope.region;
  if (awsHost?.region) return awsHost.region;
  // SigV4a scopes carry the regions in a header; a single region is worth naming.
  const regionSet = first(headers['x-amz-region-set']);
  return regionSet && regionSet !== '*' && !regionSet.includes(',') ? regionSet : undefined;
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function first(value: string | readonly string[] | number | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' ? value : value[0];
}
