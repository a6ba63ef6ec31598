/**
 * The bytes to send for a recorded body, so the client ends up with exactly the recorded body.
 * Recordings hold the body as the app read it: `fetch` decompresses, so its bodies are decoded
 * although the headers still say `content-encoding: gzip`; `node:http` hands over the wire bytes.
 * Compressed bytes are never valid UTF-8 text (gzip's second byte, 0x8b, cannot follow ASCII), so
 * a body recorded as text is decoded content; a base64 body is the wire bytes when it decodes.
 * Pure.
 */
import {
  brotliCompressSync,
  brotliDecompressSync,
  deflateSync,
  gunzipSync,
  gzipSync,
  inflateRawSync,
  inflateSync,
} from 'node:zlib';
import type { Body } from '@flashback/protocol/types';

type Codec = { decode(bytes: Uint8Array): unknown; encode(bytes: Uint8Array): Uint8Array };

const CODECS: Record<string, Codec> = {
  gzip: { decode: gunzipSync, encode: gzipSync },
  'x-gzip': { decode: gunzipSync, encode: gzipSync },
  // HTTP's `deflate` is zlib-wrapped, but some servers send raw deflate.
  deflate: {
    decode: (bytes) => {
      try {
        return inflateSync(bytes);
      } catch {
        return inflateRawSync(bytes);
      }
    },
    encode: deflateSync,
  },
  br: { decode: brotliDecompressSync, encode: brotliCompressSync },
};

/** The recorded body's bytes (the kept prefix when it was cut off). */
export function recordedBodyBytes(body: Body | undefined): Buffer {
  if (!body) return Buffer.alloc(0);
  return Buffer.from(body.data, body.encoding === 'base64' ? 'base64' : 'utf8');
}

/**
 * The bytes to send and the `content-encoding` to announce (`undefined`: drop the header).
 * A body in an encoding this stub cannot produce is sent decoded, without the header.
 */
export function encodeForWire(
  bytes: Buffer,
  contentEncoding: string | undefined,
  recorded: Pick<Body, 'encoding' | 'truncated'>,
): { bytes: Buffer; contentEncoding: string | undefined } {
  const encoding = contentEncoding?.trim().toLowerCase();
  if (!encoding || encoding === 'identity' || bytes.byteLength === 0) {
    return { bytes, contentEncoding: encoding === 'identity' ? undefined : contentEncoding };
  }
  const codec = CODECS[encoding];
  if (!codec) return { bytes, contentEncoding: undefined };
  // Cut-off wire bytes do not decode: they are sent as kept, and the client fails as it would have.
  if (recorded.encoding === 'base64' && (recorded.truncated || decodes(codec, bytes))) {
    return { bytes, contentEncoding };
  }
  return { bytes: Buffer.from(codec.encode(bytes)), contentEncoding };
}

function decodes(codec: Codec, bytes: Buffer): boolean {
  try {
    codec.decode(bytes);
    return true;
  } catch {
    return false;
  }
}
