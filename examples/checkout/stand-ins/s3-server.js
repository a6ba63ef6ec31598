import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { decodeAwsChunked, isAwsChunked } from './aws-chunked.js';
import { listen, readBody } from './http-util.js';
import { escapeXml, sendS3Error } from './s3-errors.js';

/**
 * A minimal S3-compatible server on 127.0.0.1, path-style only, in memory:
 * CreateBucket, HeadBucket, ListBuckets, PutObject, GetObject, HeadObject and
 * DeleteObject, with S3's XML errors. Signatures are not checked.
 *
 * @param {{ port?: number }} [options]
 */
export async function startS3Server(options = {}) {
  /** @type {Map<string, Map<string, { body: Buffer, contentType: string, etag: string, lastModified: Date, metadata: Record<string, string> }>>} */
  const buckets = new Map();

  /** @param {string} bucket @param {string} key @param {Buffer | string} body @param {string} [contentType] */
  const putObject = (bucket, key, body, contentType = 'application/octet-stream', metadata = {}) => {
    const objects = buckets.get(bucket);
    if (!objects) throw new Error(`no bucket ${bucket}`);
    const data = Buffer.isBuffer(body) ? body : Buffer.from(body);
    const etag = `"${createHash('md5').update(data).digest('hex')}"`;
    objects.set(key, { body: data, contentType, etag, lastModified: new Date(), metadata });
    return etag;
  };

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://s3.local');
    const [bucket, ...rest] = url.pathname.slice(1).split('/');
    const key = rest.map(decodeURIComponent).join('/');
    const method = req.method ?? 'GET';
    const context = { method, bucket, key };
    const body = await readBody(req);

    if (!bucket) {
      if (method !== 'GET') return sendS3Error(res, 'NotImplemented', context);
      const list = [...buckets.keys()]
        .map((name) => `<Bucket><Name>${escapeXml(name)}</Name></Bucket>`)
        .join('');
      res.writeHead(200, { 'content-type': 'application/xml' });
      return res.end(
        `<?xml version="1.0" encoding="UTF-8"?>\n<ListAllMyBucketsResult><Buckets>${list}</Buckets></ListAllMyBucketsResult>`,
      );
    }
    const objects = buckets.get(bucket);
    if (!key) {
      if (method === 'PUT') {
        if (objects) return sendS3Error(res, 'BucketAlreadyOwnedByYou', context);
        buckets.set(bucket, new Map());
        return res.writeHead(200, { location: `/${bucket}` }).end();
      }
      if (!objects) return sendS3Error(res, 'NoSuchBucket', context);
      if (method === 'HEAD') return res.writeHead(200).end();
      return sendS3Error(res, 'NotImplemented', context);
    }
    if (!objects) return sendS3Error(res, 'NoSuchBucket', context);

    if (method === 'PUT') {
      const data = isAwsChunked(req.headers) ? decodeAwsChunked(body) : body;
      const metadata = Object.fromEntries(
        Object.entries(req.headers)
          .filter(([name]) => name.startsWith('x-amz-meta-'))
          .map(([name, value]) => [name.slice('x-amz-meta-'.length), String(value)]),
      );
      const etag = putObject(
        bucket,
        key,
        data,
        req.headers['content-type'] ?? 'application/octet-stream',
        metadata,
      );
      return res.writeHead(200, { etag }).end();
    }
    if (method === 'DELETE') {
      objects.delete(key);
      return res.writeHead(204).end();
    }
    if (method === 'GET' || method === 'HEAD') {
      const object = objects.get(key);
      if (!object) return sendS3Error(res, 'NoSuchKey', context);
      res.writeHead(200, {
        'content-type': object.contentType,
        'content-length': object.body.length,
        etag: object.etag,
        'last-modified': object.lastModified.toUTCString(),
        ...Object.fromEntries(
          Object.entries(object.metadata).map(([name, value]) => [`x-amz-meta-${name}`, value]),
        ),
      });
      return res.end(method === 'GET' ? object.body : undefined);
    }
    return sendS3Error(res, 'NotImplemented', context);
  });
  const port = await listen(server, options.port ?? 0);

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    /** @param {string} name */
    createBucket(name) {
      if (!buckets.has(name)) buckets.set(name, new Map());
    },
    putObject,
    async stop() {
      await new Promise((resolve) => {
        server.close(resolve);
        server.closeAllConnections();
      });
    },
  };
}
