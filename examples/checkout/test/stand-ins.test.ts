import { Readable } from 'node:stream';
import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../stand-ins/stack.js';

const HARBOR_TOKEN =
  'gw_eyJtaWQiOiJtX2hhcmJvciIsImV4cCI6MTc1MTI0MTYwMH0.bhJpOuhcRnxYESEz-BagK9lbnaUeTaYXmskw3AxnW8o';

function s3Client(stack: Stack, checksums: 'WHEN_REQUIRED' | 'WHEN_SUPPORTED') {
  return new S3Client({
    endpoint: stack.env.S3_ENDPOINT,
    region: stack.env.AWS_REGION,
    forcePathStyle: true,
    credentials: {
      accessKeyId: stack.env.AWS_ACCESS_KEY_ID,
      secretAccessKey: stack.env.AWS_SECRET_ACCESS_KEY,
    },
    requestChecksumCalculation: checksums,
    responseChecksumValidation: checksums,
  });
}

async function s3ErrorName(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(S3ServiceException);
    return (error as S3ServiceException).name;
  }
  throw new Error('expected the S3 call to fail');
}

describe('stand-ins', () => {
  let stack: Stack;
  let clock = Date.now();
  beforeAll(async () => {
    stack = await startStack({ gatewayNow: () => clock });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  describe('S3-compatible server, driven by the real AWS SDK v3', () => {
    it('serves the seeded receipt template', async () => {
      const s3 = s3Client(stack, 'WHEN_REQUIRED');
      const object = await s3.send(
        new GetObjectCommand({ Bucket: stack.env.S3_BUCKET, Key: 'receipts/en.txt' }),
      );
      expect(object.ContentType).toBe('text/plain; charset=utf-8');
      expect(await object.Body?.transformToString()).toContain('{{orderId}}');
      s3.destroy();
    });

    it('round-trips objects with the default flexible checksums, also streamed (aws-chunked)', async () => {
      const s3 = s3Client(stack, 'WHEN_SUPPORTED');
      await s3.send(new CreateBucketCommand({ Bucket: 'scratch' }));
      await s3.send(
        new PutObjectCommand({ Bucket: 'scratch', Key: 'a/b c.txt', Body: 'hello', Metadata: { kind: 'x' } }),
      );
      const streamed = Readable.from([Buffer.from('streamed '), Buffer.from('body')]);
      await s3.send(
        new PutObjectCommand({ Bucket: 'scratch', Key: 'streamed', Body: streamed, ContentLength: 13 }),
      );

      const head = await s3.send(new HeadObjectCommand({ Bucket: 'scratch', Key: 'a/b c.txt' }));
      expect(head).toMatchObject({ ContentLength: 5, Metadata: { kind: 'x' } });
      const got = await s3.send(new GetObjectCommand({ Bucket: 'scratch', Key: 'streamed' }));
      expect(await got.Body?.transformToString()).toBe('streamed body');
      s3.destroy();
    });

    it('answers missing keys and buckets with the errors the SDK names', async () => {
      const s3 = s3Client(stack, 'WHEN_REQUIRED');
      expect(
        await s3ErrorName(
          s3.send(new GetObjectCommand({ Bucket: stack.env.S3_BUCKET, Key: 'receipts/de.txt' })),
        ),
      ).toBe('NoSuchKey');
      expect(
        await s3ErrorName(s3.send(new HeadObjectCommand({ Bucket: stack.env.S3_BUCKET, Key: 'nope' }))),
      ).toBe('NotFound');
      expect(await s3ErrorName(s3.send(new GetObjectCommand({ Bucket: 'no-bucket', Key: 'x' })))).toBe(
        'NoSuchBucket',
      );
      s3.destroy();
    });
  });

  describe('payment gateway', () => {
    const charge = (token: string, body: Record<string, unknown>) =>
      fetch(`${stack.gateway.url}/v1/charges`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });

    it('checks token expiry against its own clock', async () => {
      clock = Date.parse('2025-06-29T00:00:00Z');
      const before = await charge(HARBOR_TOKEN, { amount: 500, source: 'tok_visa' });
      expect(before.status).toBe(200);
      clock = Date.parse('2025-06-30T00:00:01Z');
      const after = await charge(HARBOR_TOKEN, { amount: 500, source: 'tok_visa' });
      expect(after.status).toBe(401);
      expect(await after.json()).toMatchObject({ error: { code: 'token_expired' } });
      clock = Date.now();
    });

    it('issues tokens for client credentials, and refuses forged ones', async () => {
      const res = await fetch(`${stack.gateway.url}/v1/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          grant_type: 'client_credentials',
          client_id: stack.env.PAYMENT_GATEWAY_CLIENT_ID,
          client_secret: stack.env.PAYMENT_GATEWAY_CLIENT_SECRET,
          merchant_id: 'm_test',
        }),
      });
      const { access_token: token } = (await res.json()) as { access_token: string };
      expect((await charge(token, { amount: 100, source: 'tok_visa' })).status).toBe(200);
      const forged = `${token.slice(0, -2)}xx`;
      expect(await (await charge(forged, { amount: 100 })).json()).toMatchObject({
        error: { code: 'invalid_token' },
      });
    });

    it('rejects charges under $0.50 with the reason in the body', async () => {
      const house = await fetch(`${stack.gateway.url}/v1/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          client_id: stack.env.PAYMENT_GATEWAY_CLIENT_ID,
          client_secret: stack.env.PAYMENT_GATEWAY_CLIENT_SECRET,
          merchant_id: 'm_house',
        }),
      });
      const { access_token: token } = (await house.json()) as { access_token: string };
      const res = await charge(token, { amount: 0, source: 'tok_visa' });
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({
        error: {
          type: 'invalid_request_error',
          code: 'amount_too_small',
          message: 'Charge amount must be at least $0.50',
        },
      });
    });
  });
});
