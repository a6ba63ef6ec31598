/**
 * Names the S3 API operation of a REST request from its method, whether it addresses the service,
 * a bucket or an object, and its sub-resource query parameters. The AWS SDK v3 also names many
 * operations itself in an `x-id` query parameter (`?x-id=GetObject`), which wins when present.
 */
export type S3Target = 'service' | 'bucket' | 'object';

type Table = ReadonlyArray<readonly [param: string, operation: string]>;

const OBJECT_GET: Table = [
  ['uploadId', 'ListParts'],
  ['tagging', 'GetObjectTagging'],
  ['acl', 'GetObjectAcl'],
  ['attributes', 'GetObjectAttributes'],
  ['retention', 'GetObjectRetention'],
  ['legal-hold', 'GetObjectLegalHold'],
  ['torrent', 'GetObjectTorrent'],
];
const OBJECT_PUT: Table = [
  ['tagging', 'PutObjectTagging'],
  ['acl', 'PutObjectAcl'],
  ['retention', 'PutObjectRetention'],
  ['legal-hold', 'PutObjectLegalHold'],
];
const OBJECT_DELETE: Table = [
  ['uploadId', 'AbortMultipartUpload'],
  ['tagging', 'DeleteObjectTagging'],
];
const OBJECT_POST: Table = [
  ['uploads', 'CreateMultipartUpload'],
  ['uploadId', 'CompleteMultipartUpload'],
  ['restore', 'RestoreObject'],
  ['select', 'SelectObjectContent'],
];
const BUCKET_LIST: Table = [
  ['versions', 'ListObjectVersions'],
  ['uploads', 'ListMultipartUploads'],
  ['location', 'GetBucketLocation'],
  ['policyStatus', 'GetBucketPolicyStatus'],
];
/** Bucket configuration sub-resources, read with GET, written with PUT, removed with DELETE. */
const BUCKET_CONFIG: Table = [
  ['acl', 'BucketAcl'],
  ['policy', 'BucketPolicy'],
  ['tagging', 'BucketTagging'],
  ['cors', 'BucketCors'],
  ['lifecycle', 'BucketLifecycleConfiguration'],
  ['versioning', 'BucketVersioning'],
  ['encryption', 'BucketEncryption'],
  ['website', 'BucketWebsite'],
  ['notification', 'BucketNotificationConfiguration'],
  ['replication', 'BucketReplication'],
  ['logging', 'BucketLogging'],
  ['ownershipControls', 'BucketOwnershipControls'],
  ['publicAccessBlock', 'PublicAccessBlock'],
  ['accelerate', 'BucketAccelerateConfiguration'],
  ['requestPayment', 'BucketRequestPayment'],
  ['object-lock', 'ObjectLockConfiguration'],
];

/**
 * @example
 * inferS3Operation('GET', 'bucket', new URLSearchParams('list-type=2&prefix=t%2F'), false) // 'ListObjectsV2'
 * inferS3Operation('PUT', 'object', new URLSearchParams(), true) // 'CopyObject'
 */
export function inferS3Operation(
  method: string,
  target: S3Target,
  query: URLSearchParams,
  copySource: boolean,
): string {
  const named = query.get('x-id');
  if (named) return named;
  const verb = method.toUpperCase();
  if (target === 'service') return verb === 'GET' ? 'ListBuckets' : 'Unknown';
  return target === 'object' ? objectOperation(verb, query, copySource) : bucketOperation(verb, query);
}

function objectOperation(verb: string, query: URLSearchParams, copySource: boolean): string {
  switch (verb) {
    case 'GET':
      return find(query, OBJECT_GET) ?? 'GetObject';
    case 'HEAD':
      return 'HeadObject';
    case 'PUT':
      if (query.has('partNumber') && query.has('uploadId'))
        return copySource ? 'UploadPartCopy' : 'UploadPart';
      return find(query, OBJECT_PUT) ?? (copySource ? 'CopyObject' : 'PutObject');
    case 'DELETE':
      return find(query, OBJECT_DELETE) ?? 'DeleteObject';
    case 'POST':
      return find(query, OBJECT_POST) ?? 'PostObject';
    default:
      return 'Unknown';
  }
}

function bucketOperation(verb: string, query: URLSearchParams): string {
  const config = find(query, BUCKET_CONFIG);
  switch (verb) {
    case 'GET':
      if (query.get('list-type') === '2') return 'ListObjectsV2';
      return find(query, BUCKET_LIST) ?? (config ? `Get${config}` : 'ListObjects');
    case 'HEAD':
      return 'HeadBucket';
    case 'PUT':
      return config ? `Put${config}` : 'CreateBucket';
    case 'DELETE':
      if (config === 'BucketLifecycleConfiguration') return 'DeleteBucketLifecycle';
      return config ? `Delete${config}` : 'DeleteBucket';
    case 'POST':
      // A browser form upload (POST Object) also goes to the bucket.
      return query.has('delete') ? 'DeleteObjects' : 'PostObject';
    default:
      return 'Unknown';
  }
}

function find(query: URLSearchParams, table: Table): string | undefined {
  for (const [param, operation] of table) if (query.has(param)) return operation;
  return undefined;
}
