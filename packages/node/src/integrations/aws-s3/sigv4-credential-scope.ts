/**
 * The credential scope of an AWS Signature Version 4 request says which service and region the
 * request was signed for, in the `Authorization` header or, for presigned URLs, the query:
 *
 *   Authorization: AWS4-HMAC-SHA256 Credential=AKIA.../20260101/eu-west-1/s3/aws4_request, ...
 *   ?X-Amz-Credential=AKIA...%2F20260101%2Feu-west-1%2Fs3%2Faws4_request
 *
 * SigV4a (multi-region) scopes have no region: `AKIA.../20260101/s3/aws4_request`.
 */
export interface CredentialScope {
  service: string;
  region?: string;
}

const CREDENTIAL = /Credential=([^,\s]+)/;

export function scopeFromAuthorization(authorization: string): CredentialScope | undefined {
  const credential = CREDENTIAL.exec(authorization)?.[1];
  return credential === undefined ? undefined : parseCredential(credential);
}

export function scopeFromPresignedQuery(query: URLSearchParams): CredentialScope | undefined {
  const credential = query.get('X-Amz-Credential');
  return credential === null ? undefined : parseCredential(credential);
}

function parseCredential(credential: string): CredentialScope | undefined {
  const parts = credential.split('/');
  if (parts[parts.length - 1] !== 'aws4_request') return undefined;
  if (parts.length === 5 && parts[3] && parts[2]) return { service: parts[3], region: parts[2] };
  if (parts.length === 4 && parts[2]) return { service: parts[2] };
  return undefined;
}
