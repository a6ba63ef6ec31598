import type { BodyCollector } from './body-collector.js';

/**
 * Reads a Fetch body stream into `collector`.
 *
 * With `drain`, the stream is read to its end, counting bytes past the cap: right for a stream the
 * SDK owns alone. Without it, reading stops at the cap and the stream is cancelled: right for one
 * branch of a `clone()`, because the other branch (the app's) buffers whatever this one reads
 * ahead of it, and reading a large body to the end at network speed would buffer it all.
 *
 * Resolves true when the body ended, false when reading stopped at the cap; rejects with the
 * stream's error.
 */
export async function readWebBody(
  stream: ReadableStream<Uint8Array>,
  collector: BodyCollector,
  drain: boolean,
): Promise<boolean> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        collector.complete = true;
        return true;
      }
      if (collector.wantsBytes) collector.add(value);
      else collector.skip(value.byteLength);
      if (!drain && !collector.wantsBytes) {
        await reader.cancel().catch(() => undefined);
        return false;
      }
    }
  } finally {
    reader.releaseLock();
  }
}
