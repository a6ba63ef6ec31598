import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetBucketLocationCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListMultipartUploadsCommand,
  ListObjectsCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  ListPartsCommand,
  PutBucketPolicyCommand,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runWithRequestContext } from '../../src/context/request-context.js';
import { uninstallModuleHooks } from '../../src/instrument/module-hook.js';
import { unwrapAll } from '../../src/instrument/wrap.js';
import {
  type AwsCommandHint,
  awsS3Integration,
  currentAwsCommand,
  describeS3Request,
} from '../../src/integrations/aws-s3/index.js';
import { httpClientIntegration } from '../../src/integrations/http-client/index.js';
import type { Integration } from '../../src/integrations/types.js';
import { inRequest, newRequestContext, setUpIntegration } from './support/redis-capture.js';
import {
  type ArrivedRequest,
  loopbackAgent,
  type S3RecordingServer,
  startS3RecordingServer,
} from './support/s3-recording-server.js';

const credentials = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};
const KEY = 'templates/receipt v2+final.html';
const UPLOAD = { Bucket: 'receipts', Key: 'exports/orders.csv', UploadId: 'upload-1' };

let server: S3RecordingServer;

beforeAll(async () => {
  server = await startS3RecordingServer();
});

afterAll(async () => {
  unwrapAll();
  uninstallModuleHooks();
  await server?.close();
});

function s3(config: S3ClientConfig): S3Client {
  // One attempt: a failed parse of the empty answer must not resend the request.
  return new S3Client({ credentials, maxAttempts: 1, ...config });
}

/** Sends one command with the real SDK and returns the request as the server received it. */
async function sent(client: S3Client, send: Send): Promise<ArrivedRequest> {
  const before = server.requests.length;
  await send(client).catch(() => undefined);
  expect(server.requests).toHaveLength(before + 1);
  return server.requests[before] as ArrivedRequest;
}

function describeArrived(request: ArrivedRequest, hint?: AwsCommandHint) {
  return describeS3Request(request.method, request.url, request.headers, hint);
}

type Send = (client: S3Client) => Promise<unknown>;
type Case = [operation: string, send: Send, bucket?: string, key?: string];

const cases: Case[] = [
  ['GetObject', (c) => c.send(new GetObjectCommand({ Bucket: 'receipts', Key: KEY })), 'receipts', KEY],
  [
    'PutObject',
    (c) => c.send(new PutObjectCommand({ Bucket: 'receipts', Key: 'orders/42.json', Body: '{}' })),
    'receipts',
    'orders/42.json',
  ],
  ['HeadObject', (c) => c.send(new HeadObjectCommand({ Bucket: 'receipts', Key: KEY })), 'receipts', KEY],
  ['DeleteObject', (c) => c.send(new DeleteObjectCommand({ Bucket: 'receipts', Key: KEY })), 'receipts', KEY],
  [
    'CopyObject',
    (c) =>
      c.send(
        new CopyObjectCommand({
          Bucket: 'receipts',
          Key: 'orders/43.json',
          CopySource: 'receipts/orders/42.json',
        }),
      ),
    'receipts',
    'orders/43.json',
  ],
  [
    'ListObjectsV2',
    (c) => c.send(new ListObjectsV2Command({ Bucket: 'receipts', Prefix: 'templates/' })),
    'receipts',
  ],
  ['ListObjects', (c) => c.send(new ListObjectsCommand({ Bucket: 'receipts' })), 'receipts'],
  ['ListObjectVersions', (c) => c.send(new ListObjectVersionsCommand({ Bucket: 'receipts' })), 'receipts'],
  ['CreateBucket', (c) => c.send(new CreateBucketCommand({ Bucket: 'archive' })), 'archive'],
  ['HeadBucket', (c) => c.send(new HeadBucketCommand({ Bucket: 'receipts' })), 'receipts'],
  ['DeleteBucket', (c) => c.send(new DeleteBucketCommand({ Bucket: 'archive' })), 'archive'],
  ['GetBucketLocation', (c) => c.send(new GetBucketLocationCommand({ Bucket: 'receipts' })), 'receipts'],
  [
    'PutBucketPolicy',
    (c) => c.send(new PutBucketPolicyCommand({ Bucket: 'receipts', Policy: '{}' })),
    'receipts',
  ],
  [
    'DeleteObjects',
    (c) => c.send(new DeleteObjectsCommand({ Bucket: 'receipts', Delete: { Objects: [{ Key: 'a' }] } })),
    'receipts',
  ],
  [
    'GetObjectTagging',
    (c) => c.send(new GetObjectTaggingCommand({ Bucket: 'receipts', Key: KEY })),
    'receipts',
    KEY,
  ],
  ['ListBuckets', (c) => c.send(new ListBucketsCommand({}))],
  [
    'CreateMultipartUpload',
    (c) => c.send(new CreateMultipartUploadCommand({ Bucket: 'receipts', Key: UPLOAD.Key })),
    'receipts',
    UPLOAD.Key,
  ],
  [
    'UploadPart',
    (c) => c.send(new UploadPartCommand({ ...UPLOAD, PartNumber: 1, Body: 'x' })),
    'receipts',
    UPLOAD.Key,
  ],
  ['ListParts', (c) => c.send(new ListPartsCommand(UPLOAD)), 'receipts', UPLOAD.Key],
  [
    'CompleteMultipartUpload',
    (c) =>
      c.send(
        new CompleteMultipartUploadCommand({
          ...UPLOAD,
          MultipartUpload: { Parts: [{ ETag: '"e1"', PartNumber: 1 }] },
        }),
      ),
    'receipts',
    UPLOAD.Key,
  ],
  ['AbortMultipartUpload', (c) => c.send(new AbortMultipartUploadCommand(UPLOAD)), 'receipts', UPLOAD.Key],
  [
    'ListMultipartUploads',
    (c) => c.send(new ListMultipartUploadsCommand({ Bucket: 'receipts' })),
    'receipts',
  ],
];

function expected(region: string, operation: string, bucket?: string, key?: string) {
  return { service: 's3', operation, region, ...(bucket ? { bucket } : {}), ...(key ? { key } : {}) };
}

describe('describeS3Request on requests the real AWS SDK v3 sends', () => {
  describe('path style (an S3-compatible endpoint)', () => {
    let client: S3Client;
    beforeAll(() => {
      client = s3({ region: 'eu-west-1', endpoint: `http://127.0.0.1:${server.port}`, forcePathStyle: true });
    });

    it.each(cases)('%s', async (operation, send, bucket, key) => {
      const request = await sent(client, send);
      expect(new URL(request.url).host).toBe(`127.0.0.1:${server.port}`);
      expect(describeArrived(request)).toEqual(expected('eu-west-1', operation, bucket, key));
    });
  });

  describe('virtual-hosted style (bucket.s3.region.amazonaws.com)', () => {
    let client: S3Client;
    beforeAll(() => {
      client = s3({
        region: 'eu-central-1',
        endpoint: `http://s3.eu-central-1.amazonaws.com:${server.port}`,
        requestHandler: { httpAgent: loopbackAgent() },
      });
    });

    it.each(cases)('%s', async (operation, send, bucket, key) => {
      const request = await sent(client, send);
      const host = new URL(request.url).hostname;
      expect(host).toBe(bucket ? `${bucket}.s3.eu-central-1.amazonaws.com` : 's3.eu-central-1.amazonaws.com');
      expect(describeArrived(request)).toEqual(expected('eu-central-1', operation, bucket, key));
    });
  });
});

describe('describeS3Request on other request shapes', () => {
  it('reads a presigned URL (region and service from X-Amz-Credential)', () => {
    const url =
      'https://receipts.s3.us-west-2.amazonaws.com/templates/a.html?X-Amz-Algorithm=AWS4-HMAC-SHA256' +
      '&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20260101%2Fus-west-2%2Fs3%2Faws4_request&X-Amz-Date=20260101T000000Z' +
      '&X-Amz-Expires=900&X-Amz-SignedHeaders=host&X-Amz-Signature=abc&x-id=GetObject';
    expect(describeS3Request('GET', url, {})).toEqual(
      expected('us-west-2', 'GetObject', 'receipts', 'templates/a.html'),
    );
    // Presigned for an S3-compatible server: only the credential scope says S3.
    const custom = `http://127.0.0.1:9000/receipts/a.html?X-Amz-Credential=AKIA%2F20260101%2Fus-east-1%2Fs3%2Faws4_request`;
    expect(describeS3Request('PUT', custom, {})).toEqual(
      expected('us-east-1', 'PutObject', 'receipts', 'a.html'),
    );
  });

  it('recognises unsigned requests to Amazon S3 hosts of every form', () => {
    expect(describeS3Request('GET', 'https://public-assets.s3.amazonaws.com/logo.png', {})).toEqual({
      service: 's3',
      operation: 'GetObject',
      bucket: 'public-assets',
      key: 'logo.png',
    });
    expect(describeS3Request('GET', 'https://s3-us-west-2.amazonaws.com/legacy/a/b.txt', {})).toEqual(
      expected('us-west-2', 'GetObject', 'legacy', 'a/b.txt'),
    );
    expect(
      describeS3Request('HEAD', 'https://my.dotted.bucket.s3.dualstack.ap-south-1.amazonaws.com/k', {}),
    ).toEqual(expected('ap-south-1', 'HeadObject', 'my.dotted.bucket', 'k'));
    expect(describeS3Request('GET', 'https://s3-logs.s3.eu-west-3.amazonaws.com/?list-type=2', {})).toEqual(
      expected('eu-west-3', 'ListObjectsV2', 's3-logs'),
    );
    expect(describeS3Request('GET', 'https://cn-bucket.s3.cn-north-1.amazonaws.com.cn/k', {})).toEqual(
      expected('cn-north-1', 'GetObject', 'cn-bucket', 'k'),
    );
  });

  it('recognises an S3 request whose authorization header was masked, by its payload hash header', () => {
    const headers = { authorization: '[redacted]', 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' };
    expect(describeS3Request('DELETE', 'http://minio:9000/receipts/a.txt', headers)).toEqual({
      service: 's3',
      operation: 'DeleteObject',
      bucket: 'receipts',
      key: 'a.txt',
    });
  });

  it('takes the region of a SigV4a request from x-amz-region-set, and accepts array header values', () => {
    const headers = {
      authorization: [
        'AWS4-ECDSA-P256-SHA256 Credential=AKIA/20260101/s3/aws4_request, SignedHeaders=host, Signature=1',
      ],
      'x-amz-region-set': 'eu-north-1',
    };
    expect(describeS3Request('GET', 'http://127.0.0.1:9000/b/k', headers)).toEqual(
      expected('eu-north-1', 'GetObject', 'b', 'k'),
    );
  });

  it('returns undefined for requests that are not S3 calls', () => {
    const sts = {
      authorization:
        'AWS4-HMAC-SHA256 Credential=AKIA/20260101/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=1',
    };
    const hint: AwsCommandHint = { service: 's3', operation: 'GetObject', bucket: 'receipts', key: 'a' };
    expect(
      describeS3Request('POST', 'https://api.stripe.com/v1/charges', { authorization: 'Bearer sk_test' }),
    ).toBeUndefined();
    expect(describeS3Request('POST', 'https://sts.amazonaws.com/', sts)).toBeUndefined();
    // Fetching credentials inside an S3 send: the hint must not make the STS call an S3 call.
    expect(describeS3Request('POST', 'https://sts.amazonaws.com/', sts, hint)).toBeUndefined();
    expect(describeS3Request('PUT', 'http://169.254.169.254/latest/api/token', {}, hint)).toBeUndefined();
    expect(describeS3Request('GET', 'https://dynamodb.us-east-1.amazonaws.com/', {})).toBeUndefined();
    expect(describeS3Request('GET', 'not a url', { 'x-amz-content-sha256': 'x' })).toBeUndefined();
  });
});

describe('S3 calls made through the SDK, with the S3 integration set up', () => {
  interface Observed {
    request: ArrivedRequest;
    hint: AwsCommandHint | undefined;
  }
  const observed: Observed[] = [];
  // Where the HTTP recorder sees a request: synchronously as it starts, in the caller's context.
  const onStart = (message: unknown) => {
    const request = (message as { request: ClientRequest }).request;
    const headers = request.getHeaders();
    observed.push({
      request: { method: request.method, url: `http://${String(headers.host)}${request.path}`, headers },
      hint: currentAwsCommand(),
    });
  };

  beforeAll(() => {
    setUpIntegration(awsS3Integration());
    subscribe('http.client.request.start', onStart);
  });
  afterEach(() => {
    observed.length = 0;
  });
  afterAll(() => {
    unsubscribe('http.client.request.start', onStart);
  });

  const pathStyle = () =>
    s3({ region: 'eu-west-1', endpoint: `http://127.0.0.1:${server.port}`, forcePathStyle: true });

  it("gives the SDK's HTTP request the command's operation, bucket and key", async () => {
    const client = pathStyle();
    await runWithRequestContext(newRequestContext(), () =>
      client.send(new HeadBucketCommand({ Bucket: 'receipts' })).catch(() => undefined),
    );
    expect(observed).toHaveLength(1);
    const [{ request, hint } = {} as Observed] = observed;
    expect(hint).toEqual({ service: 's3', operation: 'HeadBucket', bucket: 'receipts' });
    expect(describeArrived(request, hint)).toEqual(expected('eu-west-1', 'HeadBucket', 'receipts'));
  });

  it('keeps concurrent sends apart', async () => {
    const client = pathStyle();
    await runWithRequestContext(newRequestContext(), () =>
      Promise.all([
        client.send(new GetObjectCommand({ Bucket: 'receipts', Key: 'a.html' })).catch(() => undefined),
        client
          .send(new PutObjectCommand({ Bucket: 'uploads', Key: 'b.json', Body: '{}' }))
          .catch(() => undefined),
      ]),
    );
    const described = observed.map(({ request, hint }) => describeArrived(request, hint));
    expect(described).toHaveLength(2);
    expect(described).toEqual(
      expect.arrayContaining([
        expected('eu-west-1', 'GetObject', 'receipts', 'a.html'),
        expected('eu-west-1', 'PutObject', 'uploads', 'b.json'),
      ]),
    );
    for (const { request, hint } of observed) expect(request.url).toContain(`/${hint?.bucket}/${hint?.key}`);
  });

  it('resolves a virtual-hosted request to a custom endpoint, which the URL alone reads as path style', async () => {
    const client = s3({
      region: 'us-east-1',
      endpoint: `http://localhost:${server.port}`,
      requestHandler: { httpAgent: loopbackAgent() },
    });
    await runWithRequestContext(newRequestContext(), () =>
      client.send(new GetObjectCommand({ Bucket: 'receipts', Key: KEY })).catch(() => undefined),
    );
    const [{ request, hint } = {} as Observed] = observed;
    expect(new URL(request.url).hostname).toBe('receipts.localhost');
    expect(describeArrived(request)).toEqual(
      expected('us-east-1', 'GetObject', 'templates', 'receipt v2+final.html'),
    );
    expect(describeArrived(request, hint)).toEqual(expected('us-east-1', 'GetObject', 'receipts', KEY));
  });

  it('sets no hint outside a request', async () => {
    await pathStyle()
      .send(new GetObjectCommand({ Bucket: 'receipts', Key: 'a.html' }))
      .catch(() => undefined);
    expect(observed).toHaveLength(1);
    expect(observed[0]?.hint).toBeUndefined();
  });
});

describe('S3 calls recorded by the HTTP client integration', () => {
  let httpClient: Integration;
  beforeAll(() => {
    setUpIntegration(awsS3Integration());
    httpClient = httpClientIntegration();
    setUpIntegration(httpClient);
  });
  afterAll(() => {
    httpClient.teardown?.();
  });

  it('records an SDK call as an http event tagged with operation, bucket, key and region', async () => {
    const client = s3({
      region: 'us-east-1',
      endpoint: `http://localhost:${server.port}`,
      requestHandler: { httpAgent: loopbackAgent() },
    });
    const context = await inRequest(() =>
      client.send(new HeadObjectCommand({ Bucket: 'receipts', Key: KEY })),
    );
    const events = context.timeline().filter((event) => event.type === 'http');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      method: 'HEAD',
      status: 200,
      aws: expected('us-east-1', 'HeadObject', 'receipts', KEY),
    });
  });
});
