/**
 * A small service that makes outbound calls on request, run with the SDK preloaded so the calls
 * are recorded exactly as in production. POST /run takes a list of steps (HTTP via fetch and
 * node:http, ioredis, node-redis, S3), performs them in order, answers 500 with each step's result
 * (so the SDK captures a package holding them all), and tells the test what the real servers
 * answered, to compare with what the stubs replay.
 */
import http from 'node:http';
import { GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import Redis from 'ioredis';
import { createClient } from 'redis';

const redisUrl = process.env.REDIS_URL;
const ioredis = redisUrl ? new Redis(redisUrl) : undefined;
const ioredisImpatient = redisUrl ? new Redis(redisUrl, { commandTimeout: 300 }) : undefined;
const nodeRedis = redisUrl ? createClient({ url: redisUrl }) : undefined;
nodeRedis?.on('error', () => undefined);
await nodeRedis?.connect();
await ioredis?.ping();
await ioredisImpatient?.ping();

const s3 = process.env.S3_ENDPOINT
  ? new S3Client({
      region: 'us-east-1',
      endpoint: process.env.S3_ENDPOINT,
      forcePathStyle: true,
      credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'recording-secret-key' },
      maxAttempts: 1,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    })
  : undefined;

/** @param {any} step */
async function run(step) {
  switch (step.op) {
    case 'fetch': {
      const response = await fetch(step.url, {
        method: step.method ?? 'GET',
        headers: step.headers,
        body: step.body,
        signal: step.timeoutMs ? AbortSignal.timeout(step.timeoutMs) : undefined,
      });
      const body = await response.text();
      return {
        status: response.status,
        statusText: response.statusText,
        headers: Object.fromEntries(response.headers),
        body,
      };
    }
    case 'http':
      return nodeHttp(step);
    case 'ioredis':
      return (step.impatient ? ioredisImpatient : ioredis)[step.method](...step.args);
    case 'node-redis':
      return nodeRedis.sendCommand(step.args);
    case 's3-get': {
      const object = await s3.send(new GetObjectCommand({ Bucket: step.bucket, Key: step.key }));
      return { contentType: object.ContentType, body: await object.Body.transformToString() };
    }
    case 's3-head': {
      const head = await s3.send(new HeadObjectCommand({ Bucket: step.bucket, Key: step.key }));
      return { contentLength: head.ContentLength, etag: head.ETag };
    }
    default:
      throw new Error(`unknown step ${step.op}`);
  }
}

/** @param {any} step */
function nodeHttp(step) {
  return new Promise((resolve, reject) => {
    const request = http.request(
      step.url,
      { method: step.method ?? 'GET', headers: step.headers },
      (response) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () =>
          resolve({
            status: response.statusCode,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('base64'),
          }),
        );
      },
    );
    request.on('error', reject);
    request.end(step.body);
  });
}

/** @param {any} error */
function describeError(error) {
  const cause = error?.cause;
  return { name: error?.name, message: error?.message, code: error?.code ?? cause?.code };
}

const server = http.createServer(async (req, res) => {
  if (req.url === '/health') return res.end('ok');
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const steps = JSON.parse(Buffer.concat(chunks).toString() || '[]');
  const results = [];
  for (const step of steps) {
    try {
      results.push({ value: await run(step) });
    } catch (error) {
      results.push({ error: describeError(error) });
    }
  }
  res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify(results));
});
server.listen(Number(process.env.PORT), '127.0.0.1');
