import type { BodyCollector } from '../http-common/body-collector.js';
import { readWebBody } from '../http-common/read-web-body.js';
import type { FetchRequestInfo } from './fetch-request.js';
import type { OutboundCall } from './outbound-call.js';

/**
 * Copies the body of a recorded fetch into `call.requestBody`: at once when `init` holds it in
 * memory, otherwise read from a clone (of the Request, or of the Blob's bytes), so what fetch
 * sends is never consumed by the SDK.
 */
export function captureFetchRequestBody(
  call: OutboundCall,
  info: FetchRequestInfo,
  maxBodyBytes: number,
): void {
  const collector = call.requestBody;
  const { body, request } = info;
  if (request) {
    if (!request.body) return;
    readWebBody(request.clone().body as ReadableStream<Uint8Array>, collector, false).then(
      () => call.requestBodyReady(),
      () => undefined, // the request fails the same way, and that is recorded on the call
    );
    return;
  }
  if (body === undefined) return;
  if (body instanceof Blob) {
    readBlob(body, collector, maxBodyBytes).then(
      () => call.requestBodyReady(),
      () => undefined,
    );
    return;
  }
  if (typeof body === 'string' || body instanceof URLSearchParams) {
    collector.addChunk(body.toString());
  } else {
    const bytes =
      body instanceof ArrayBuffer
        ? new Uint8Array(body)
        : new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
    // Fetch copies a buffer body, so the app may reuse the buffer once fetch() returned: copy the
    // part that is kept too.
    const kept = Math.min(bytes.byteLength, maxBodyBytes);
    collector.add(bytes.slice(0, kept));
    collector.skip(bytes.byteLength - kept);
  }
  collector.complete = true;
  call.requestBodyReady();
}

/** Reads only the part of a Blob that is kept; the size comes from the Blob. */
async function readBlob(blob: Blob, collector: BodyCollector, maxBodyBytes: number): Promise<void> {
  const kept = new Uint8Array(await blob.slice(0, maxBodyBytes).arrayBuffer());
  collector.add(kept);
  collector.skip(blob.size - kept.byteLength);
  collector.complete = true;
}
