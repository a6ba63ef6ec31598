import { Agent } from 'node:http';
import type { LookupFunction } from 'node:net';
import {
  GetObjectCommand,
  HeadObjectCommand,
  NoSuchKey,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { type Stack, startStack } from '@flashback-examples/checkout/stack';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Recorder, type Recording, realValue, startRecorder } from './support/recorder.js';
import { httpEvents, type Replay, replay } from './support/replay-helpers.js';

const BUCKET = 'checkout-receipts';

let stack: Stack;
let recorder: Recorder;
let recording: Recording;
let running: Replay | undefined;

beforeAll(async () => {
  stack = await startStack();
  recorder = await startRecorder({ S3_ENDPOINT: stack.s3.url });
  recording = await recorder.record([
    { op: 's3-get', bucket: BUCKET, key: 'receipts/en.txt' },
    { op: 's3-get', bucket: BUCKET, key: 'receipts/de.txt' },
    { op: 's3-head', bucket: BUCKET, key: 'receipts/en.txt' },
  ]);
});

afterAll(async () => {
  await recorder?.stop();
  await stack?.stop();
});

afterEach(async () => {
  await running?.close();
  running = undefined;
});

/** The app's S3 client pointed at the stub, with credentials other than the recorded ones. */
function s3(endpoint: string, config: S3ClientConfig = {}): S3Client {
  return new S3Client({
    region: 'us-east-1',
    endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: 'AKIAREPLAYREPLAY0000', secretAccessKey: 'not-the-recorded-secret' },
    maxAttempts: 1,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...config,
  });
}

describe('S3 through the HTTP stub', () => {
  it('records S3 calls as http events carrying the operation', () => {
    expect(httpEvents(recording.pkg).map((e) => [e.aws?.operation, e.aws?.key, e.status])).toEqual([
      ['GetObject', 'receipts/en.txt', 200],
      ['GetObject', 'receipts/de.txt', 404],
      ['HeadObject', 'receipts/en.txt', 200],
    ]);
  });

  it('gives the real AWS SDK the recorded object, the recorded NoSuchKey as its exception, and the head', async () => {
    running = await replay(recording.pkg);
    const client = s3(running.url(stack.s3.port));

    const object = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'receipts/en.txt' }));
    expect({ contentType: object.ContentType, body: await object.Body?.transformToString() }).toEqual(
      recording.results[0]?.value,
    );

    const missing = await client
      .send(new GetObjectCommand({ Bucket: BUCKET, Key: 'receipts/de.txt' }))
      .catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(NoSuchKey);
    expect(missing).toMatchObject({
      name: 'NoSuchKey',
      message: 'The specified key does not exist.',
      $metadata: { httpStatusCode: 404 },
    });
    expect(recording.results[1]?.error?.name).toBe('NoSuchKey');

    const head = await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'receipts/en.txt' }));
    expect({ contentLength: head.ContentLength, etag: head.ETag }).toEqual(recording.results[2]?.value);

    await running.stubs.close();
    expect(running.stubs.divergences()).toEqual([]);
  });

  it('serves the recorded object when the replayed client addresses the bucket virtual-hosted style', async () => {
    running = await replay(recording.pkg);
    // Every host name resolves to the stub: the bucket travels in the Host header, not the path.
    const lookup = ((_host, options, callback) => {
      if (options.all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
      else callback(null, '127.0.0.1', 4);
    }) as LookupFunction;
    const client = s3(`http://s3.replay.test:${running.port(stack.s3.port)}`, {
      forcePathStyle: false,
      requestHandler: { httpAgent: new Agent({ lookup }) },
    });
    const object = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'receipts/en.txt' }));
    expect(await object.Body?.transformToString()).toBe(realValue<{ body: string }>(recording, 0).body);
    expect(running.stubs.divergences()).toEqual([]);
  });
});
