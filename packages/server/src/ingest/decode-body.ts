import { promisify } from 'node:util';
import { gunzip, gunzipSync } from 'node:zlib';
import { ServerError } from '../app/server-errors.js';

const gunzipAsync = promisify(gunzip);

/**
 * Bodies up to this size (compressed) are inflated synchronously: the async zlib API builds a
 * stream per call, which costs more than inflating a few kilobytes. Larger bodies go to the
 * thread pool so they never hold the event loop.
 */
const SYNC_GUNZIP_MAX_BYTES = 32 * 1024;
const utf8 = new TextDecoder('utf-8', { fatal: true });

export interface DecodeLimits {
  maxDecompressedBytes: number;
}

/**
 * The ingest body as text: checks the media type, undoes `content-encoding: gzip` without letting
 * the output grow past the limit (a few kilobytes of gzip can expand to gigabytes), and insists on
 * UTF-8 so that nothing mangled is stored.
 */
export async function decodeIngestBody(
  raw: Buffer,
  headers: { 'content-type'?: string | undefined; 'content-encoding'?: string | undefined },
  limits: DecodeLimits,
): Promise<string> {
  const mediaType = (headers['content-type'] ?? '').split(';', 1)[0]?.trim().toLowerCase();
  if (mediaType !== 'application/json') {
    throw new ServerError(
      'FB_ERR_UNSUPPORTED_MEDIA_TYPE',
      `expected content-type application/json, got ${JSON.stringify(headers['content-type'] ?? '(none)')}`,
    );
  }
  const encoding = (headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  let bytes: Buffer;
  if (encoding === 'identity' || encoding === '') bytes = raw;
  else if (encoding === 'gzip' || encoding === 'x-gzip')
    bytes = await gunzipLimited(raw, limits.maxDecompressedBytes);
  else {
    throw new ServerError(
      'FB_ERR_UNSUPPORTED_ENCODING',
      `content-encoding ${JSON.stringify(encoding)} is not supported; send gzip or nothing`,
    );
  }
  if (bytes.length > limits.maxDecompressedBytes) throw decompressedTooLarge(limits.maxDecompressedBytes);
  try {
    return utf8.decode(bytes);
  } catch {
    throw new ServerError('FB_ERR_INVALID_JSON', 'the body is not valid UTF-8');
  }
}

async function gunzipLimited(raw: Buffer, maxBytes: number): Promise<Buffer> {
  try {
    const options = { maxOutputLength: maxBytes };
    return raw.length <= SYNC_GUNZIP_MAX_BYTES ? gunzipSync(raw, options) : await gunzipAsync(raw, options);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') throw decompressedTooLarge(maxBytes);
    throw new ServerError(
      'FB_ERR_INVALID_GZIP',
      `content-encoding is gzip but the body is not valid gzip: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

function decompressedTooLarge(maxBytes: number): ServerError {
  return new ServerError(
    'FB_ERR_DECOMPRESSED_TOO_LARGE',
    `the body is larger than ${maxBytes} bytes once decompressed; send smaller batches`,
  );
}
