/**
 * Timeline events as the SDK captured them from the checkout example (`node scripts/demo.mjs`),
 * copied verbatim but for ports, for the unit tests of the pure stub code.
 */
import type { ErrorPackage, HttpEvent, RedisEvent } from '@flashback/protocol/types';

export const GATEWAY = 'http://127.0.0.1:35999';
export const S3 = 'http://127.0.0.1:46177';
export const REDIS = '127.0.0.1:37387/0';

/** The gateway refusing a $0.00 charge (bug 1). */
export const chargeRejected: HttpEvent = {
  type: 'http',
  method: 'POST',
  url: `${GATEWAY}/v1/charges`,
  requestHeaders: {
    authorization: 'Bearer [redacted:6b7f6bdb3536]',
    'content-type': 'application/json',
    'idempotency-key': 'ord_55bfe90a-4dff-4719-a090-da32159e3193',
  },
  requestBody: {
    encoding: 'utf8',
    data: '{"amount":0,"currency":"usd","source":"tok_visa","description":"Order ord_55bfe90a-4dff-4719-a090-da32159e3193 at Flashback Goods","receipt_email":"ada@example.com"}',
    size: 165,
    truncated: false,
    contentType: 'application/json',
  },
  status: 400,
  responseHeaders: {
    connection: 'keep-alive',
    'content-type': 'application/json',
    date: 'Sun, 22 Nov 2026 07:10:27 GMT',
    'keep-alive': 'timeout=5',
    'transfer-encoding': 'chunked',
  },
  statusText: 'Bad Request',
  responseBody: {
    encoding: 'utf8',
    data: '{"error":{"type":"invalid_request_error","code":"amount_too_small","message":"Charge amount must be at least $0.50"}}',
    size: 117,
    truncated: false,
    contentType: 'application/json',
  },
  seq: 3,
  startOffsetMs: 8.785,
  durationMs: 9.093,
  outcome: 'ok',
};

/** The gateway's HTML 503 page (bug 3). */
export const gatewayBusy: HttpEvent = {
  ...chargeRejected,
  requestBody: {
    encoding: 'utf8',
    data: '{"amount":4900,"currency":"usd","source":"tok_gateway_busy","description":"Order ord_1b083b3d-122c-4491-84ef-9d904566a4d1 at Flashback Goods","receipt_email":"grace@example.com"}',
    size: 178,
    truncated: false,
    contentType: 'application/json',
  },
  status: 503,
  statusText: 'Service Unavailable',
  responseHeaders: { ...chargeRejected.responseHeaders, 'content-type': 'text/html' },
  responseBody: {
    encoding: 'utf8',
    data: '<html><body><h1>503 Service Temporarily Unavailable</h1><p>upstream: payments-api</p></body></html>',
    size: 99,
    truncated: false,
    contentType: 'text/html',
  },
  seq: 2,
  startOffsetMs: 4.651,
  durationMs: 10.416,
};

/** The gateway not answering within the client's timeout (bug 3, second variant). */
export const gatewayTimeout: HttpEvent = {
  type: 'http',
  method: 'POST',
  url: `${GATEWAY}/v1/charges`,
  requestHeaders: chargeRejected.requestHeaders,
  requestBody: gatewayBusy.requestBody,
  seq: 2,
  startOffsetMs: 3.944,
  durationMs: 811.361,
  outcome: 'timeout',
  error: { message: 'The operation was aborted due to timeout', name: 'TimeoutError', code: 'ETIMEDOUT' },
};

/** S3 GetObject of a missing receipt template (bug 8). */
export const s3NoSuchKey: HttpEvent = {
  type: 'http',
  method: 'GET',
  url: `${S3}/checkout-receipts/receipts/de.txt?x-id=GetObject`,
  requestHeaders: {
    'x-amz-user-agent': 'aws-sdk-js/3.1168.0',
    host: '127.0.0.1:46177',
    'amz-sdk-invocation-id': 'b593d230-1b66-4cb2-9fc3-98cd673a5fcc',
    'amz-sdk-request': 'attempt=1; max=3',
    'x-amz-date': '20261122T071028Z',
    'x-amz-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    authorization: 'AWS4-HMAC-SHA256 [redacted:460acaa50fe4]',
  },
  aws: {
    service: 's3',
    operation: 'GetObject',
    bucket: 'checkout-receipts',
    key: 'receipts/de.txt',
    region: 'us-east-1',
  },
  status: 404,
  responseHeaders: {
    'content-type': 'application/xml',
    'x-amz-request-id': 'CE5CBA7FA2362AF9',
    date: 'Sun, 22 Nov 2026 07:10:28 GMT',
    connection: 'keep-alive',
    'keep-alive': 'timeout=5',
    'transfer-encoding': 'chunked',
  },
  statusText: 'Not Found',
  responseBody: {
    encoding: 'utf8',
    data: '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><BucketName>checkout-receipts</BucketName><Key>receipts/de.txt</Key><RequestId>CE5CBA7FA2362AF9</RequestId></Error>',
    size: 235,
    truncated: false,
    contentType: 'application/xml',
  },
  seq: 2,
  startOffsetMs: 64.256,
  durationMs: 20.819,
  outcome: 'ok',
};

/** A cache miss on the receipt template (bug 8). */
export const cacheMiss: RedisEvent = {
  type: 'redis',
  client: 'ioredis',
  server: REDIS,
  command: 'GET',
  args: ['checkout:receipt-template:de'],
  reply: null,
  seq: 1,
  startOffsetMs: 1.791,
  durationMs: 0.849,
  outcome: 'ok',
};

/** The stock reservation BLPOP cut short by ioredis' commandTimeout (bug 4). */
export const reservationTimeout: RedisEvent = {
  type: 'redis',
  client: 'ioredis',
  server: REDIS,
  command: 'BLPOP',
  args: ['checkout:stock:reservations:POSTER-LTD', '2'],
  seq: 2,
  startOffsetMs: 3.528,
  durationMs: 500.553,
  outcome: 'timeout',
  error: { message: 'Command timed out', name: 'Error' },
};

/** A package around the given events, for `planStubs`. */
export function packageWith(timeline: ErrorPackage['timeline']): ErrorPackage {
  return {
    format: 'flashback.error-package/1',
    id: '0fcf4b02-dba2-4e4a-b5b7-e188d9090f39',
    capturedAt: '2026-11-22T07:10:28.000Z',
    sdk: { name: '@flashback/node', version: '0.1.0' },
    service: { name: 'checkout' },
    runtime: {
      nodeVersion: 'v20.20.2',
      platform: 'linux',
      arch: 'x64',
      hostname: 'checkout-1',
      pid: 1,
      appRoot: '/srv/checkout',
      env: {},
      dependencies: {},
    },
    mechanism: { kind: 'framework', handled: true },
    trigger: null,
    error: { type: 'TypeError', message: 'x', frames: [] },
    timeline,
    schemas: [],
    fingerprint: 'f00d',
    redactions: [],
  };
}

/** A copy of `event` with other sequence number and timing. */
export function at<E extends HttpEvent | RedisEvent>(
  event: E,
  seq: number,
  startOffsetMs = seq * 100,
  durationMs: number | null = 10,
): E {
  return { ...event, seq, startOffsetMs, durationMs };
}
