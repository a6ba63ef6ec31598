import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What the AWS SDK itself says about the S3 call in progress: the exact operation, and the bucket
 * and key as the app passed them. Set by the S3 client patch around `S3Client.send()`, read by
 * the HTTP recorder when the SDK's request starts (it runs in the async context of `send()`).
 */
export interface AwsCommandHint {
  service: 's3';
  /** `GetObject` for a `GetObjectCommand`. */
  operation: string;
  bucket?: string;
  key?: string;
}

// Entered only around S3 sends made inside a request, so it costs nothing elsewhere.
const storage = new AsyncLocalStorage<AwsCommandHint>();

export function runWithAwsCommand<T>(hint: AwsCommandHint, fn: () => T): T {
  return storage.run(hint, fn);
}

/** The S3 command whose `send()` the caller runs in, if any. */
export function currentAwsCommand(): AwsCommandHint | undefined {
  return storage.getStore();
}
