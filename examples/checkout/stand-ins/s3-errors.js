import { randomBytes } from 'node:crypto';

/** S3 error responses in the XML shape the AWS SDK parses into named exceptions (NoSuchKey, ...). */
const ERRORS = {
  NoSuchBucket: [404, 'The specified bucket does not exist.'],
  NoSuchKey: [404, 'The specified key does not exist.'],
  BucketAlreadyOwnedByYou: [
    409,
    'Your previous request to create the named bucket succeeded and you already own it.',
  ],
  InvalidRequest: [400, 'The request is not valid.'],
  NotImplemented: [501, 'A header or operation you provided implies functionality that is not implemented.'],
};

/**
 * @param {import('node:http').ServerResponse} res
 * @param {keyof typeof ERRORS} code
 * @param {{ method?: string, bucket?: string, key?: string }} context
 */
export function sendS3Error(res, code, context = {}) {
  const [status, message] = ERRORS[code];
  const requestId = randomBytes(8).toString('hex').toUpperCase();
  const headers = { 'content-type': 'application/xml', 'x-amz-request-id': requestId };
  // HEAD answers carry no body; the SDK derives the error from the status alone.
  if (context.method === 'HEAD') {
    res.writeHead(status, headers).end();
    return;
  }
  const resource = context.key ? `<Key>${escapeXml(context.key)}</Key>` : '';
  const bucket = context.bucket ? `<BucketName>${escapeXml(context.bucket)}</BucketName>` : '';
  res
    .writeHead(status, headers)
    .end(
      `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message>${bucket}${resource}<RequestId>${requestId}</RequestId></Error>`,
    );
}

/** @param {string} text */
export function escapeXml(text) {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
