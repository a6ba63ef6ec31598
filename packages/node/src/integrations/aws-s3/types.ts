/**
 * The parts of the AWS SDK v3 S3 client the integration touches, as structural types, so the SDK
 * never imports it. Checked against @aws-sdk/client-s3 3.x (`dist-cjs/index.js`).
 */

/** A command object (`new GetObjectCommand(input)`). */
export interface AwsSdkCommand {
  input?: { Bucket?: unknown; Key?: unknown };
  /** The generated operation schema: `[kind, 'com.amazonaws.s3', 'GetObject', ...]`. */
  schema?: unknown;
}

export interface S3ClientPrototype {
  /** Inherited from the smithy `Client`; the one entry point of every S3 call. */
  send: (command: AwsSdkCommand, ...rest: unknown[]) => unknown;
}

/** `require('@aws-sdk/client-s3')`. */
export interface S3ClientModule {
  S3Client?: { prototype: S3ClientPrototype };
}
