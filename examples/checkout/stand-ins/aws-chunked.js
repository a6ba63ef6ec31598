/**
 * Decodes an `aws-chunked` upload body (what SDK v3 sends for streaming
 * uploads with flexible checksums): `<hex size>[;chunk-signature=...]\r\n<data>\r\n`
 * repeated, ending with a zero-size chunk and optional trailers.
 *
 * @param {Buffer} body
 * @returns {Buffer}
 */
export function decodeAwsChunked(body) {
  /** @type {Buffer[]} */
  const parts = [];
  let offset = 0;
  while (offset < body.length) {
    const lineEnd = body.indexOf('\r\n', offset);
    if (lineEnd === -1) throw new Error('aws-chunked body: missing chunk header terminator');
    const size = Number.parseInt(body.subarray(offset, lineEnd).toString('latin1').split(';')[0] ?? '', 16);
    if (!Number.isFinite(size)) throw new Error('aws-chunked body: bad chunk size');
    if (size === 0) break;
    const start = lineEnd + 2;
    parts.push(body.subarray(start, start + size));
    offset = start + size + 2;
  }
  return Buffer.concat(parts);
}

/**
 * @param {import('node:http').IncomingHttpHeaders} headers
 */
export function isAwsChunked(headers) {
  const encoding = String(headers['content-encoding'] ?? '');
  const sha = String(headers['x-amz-content-sha256'] ?? '');
  return encoding.includes('aws-chunked') || sha.startsWith('STREAMING-');
}
