/**
 * Recognises Amazon S3 endpoints by host name, and reads the bucket (virtual-hosted style) and
 * region out of them:
 *
 *   receipts.s3.eu-west-1.amazonaws.com      bucket receipts, region eu-west-1
 *   my.bucket.s3.dualstack.us-east-1.amazonaws.com
 *   s3.eu-west-1.amazonaws.com               path-style endpoint: bucket in the path
 *   s3-us-west-2.amazonaws.com, s3.amazonaws.com, bucket.s3-accelerate.amazonaws.com
 */
export interface AwsS3Host {
  /** The bucket, when the host names one (virtual-hosted style). */
  bucket?: string;
  region?: string;
}

const AWS_SUFFIXES = ['.amazonaws.com', '.amazonaws.com.cn'];
const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d+$/;
const REGION_AT_END = /(?:^|-)([a-z]{2}(?:-[a-z]+)+-\d+)$/;

/** The S3 endpoint `hostname` names, or undefined when it is not an Amazon S3 host. */
export function parseAwsS3Host(hostname: string): AwsS3Host | undefined {
  const host = hostname.toLowerCase();
  const suffix = AWS_SUFFIXES.find((candidate) => host.endsWith(candidate));
  if (!suffix) return undefined;
  const labels = host.slice(0, -suffix.length).split('.');
  // From the right: a bucket name may itself start with "s3" (s3-logs.s3.us-east-1...).
  let s3 = -1;
  for (let i = labels.length - 1; i >= 0; i--) {
    if (isS3Label(labels[i] ?? '')) {
      s3 = i;
      break;
    }
  }
  if (s3 < 0) return undefined;
  const result: AwsS3Host = {};
  if (s3 > 0) result.bucket = labels.slice(0, s3).join('.');
  const region =
    REGION_AT_END.exec(labels[s3] ?? '')?.[1] ?? labels.slice(s3 + 1).find((label) => REGION.test(label));
  if (region) result.region = region;
  return result;
}

function isS3Label(label: string): boolean {
  // s3-control serves account-level APIs, not buckets.
  return (
    label === 's3' || label.startsWith('s3express') || (label.startsWith('s3-') && label !== 's3-control')
  );
}
