import { onPackageLoad } from '../../instrument/module-hook.js';
import type { Integration } from '../types.js';
import { patchS3Client } from './s3-client-patch.js';
import type { S3ClientModule } from './types.js';

export { type AwsCommandHint, currentAwsCommand } from './aws-command-hint.js';
export { describeS3Request, type S3RequestHeaders } from './describe-s3-request.js';

/**
 * AWS SDK v3 S3 calls are recorded by the HTTP client integration as ordinary `http` events;
 * this integration lets it tag them with `aws: {service: 's3', operation, bucket, key, region}`.
 * The HTTP recorder calls `describeS3Request(method, url, headers, currentAwsCommand())` for each
 * outbound request. The URL and headers alone identify S3 calls (SigV4 scope, Amazon host);
 * this integration adds the SDK's own view: inside a request, `S3Client.send()` runs with the
 * command's exact operation, bucket and key as `currentAwsCommand()`.
 */
export function awsS3Integration(): Integration {
  return {
    name: 'aws-s3',
    setup() {
      onPackageLoad('@aws-sdk/client-s3', (exports) => patchS3Client(exports as S3ClientModule));
    },
  };
}
