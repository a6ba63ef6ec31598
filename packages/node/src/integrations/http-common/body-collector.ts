import type { Body } from '@flashback/protocol/types';
import { encodeBody } from './body-encoding.js';

/**
 * Accumulates a body as it streams past, keeping at most `maxBytes` and counting the rest, so a
 * large upload or download never costs more memory than the cap.
 */
export class BodyCollector {
  private readonly chunks: Uint8Array[] = [];
  private kept = 0;
  /** Bytes seen so far, kept or not. */
  size = 0;
  /** True once the body ended; until then a snapshot is marked truncated. */
  complete = false;

  constructor(private readonly maxBytes: number) {}

  /** Whether more bytes would still be kept; once false, callers may only count. */
  get wantsBytes(): boolean {
    return this.kept < this.maxBytes;
  }

  add(chunk: Uint8Array): void {
    const length = chunk.byteLength;
    this.size += length;
    const room = this.maxBytes - this.kept;
    if (room <= 0 || length === 0) return;
    // A partial chunk is copied so the collector does not pin the rest of the source buffer.
    const part = length > room ? Uint8Array.prototype.slice.call(chunk, 0, room) : chunk;
    this.chunks.push(part);
    this.kept += part.byteLength;
  }

  /** Counts bytes that will not be kept (the cap is already reached). */
  skip(length: number): void {
    this.size += length;
  }

  /** Adds a chunk given as a Node stream chunk: a Buffer, a Uint8Array or a string. */
  addChunk(chunk: unknown, encoding?: unknown): void {
    if (chunk instanceof Uint8Array) {
      this.add(chunk);
    } else if (typeof chunk === 'string') {
      const enc = typeof encoding === 'string' && Buffer.isEncoding(encoding) ? encoding : 'utf8';
      if (this.wantsBytes) this.add(Buffer.from(chunk, enc));
      else this.skip(Buffer.byteLength(chunk, enc));
    }
  }

  /**
   * The body as captured so far, or undefined when it is empty.
   *
   * @param declaredSize the size announced by `content-length`, used when the body did not end
   *   and the collector could not see all of it
   */
  toBody(contentType: string | undefined, declaredSize?: number): Body | undefined {
    const size = this.complete ? this.size : Math.max(this.size, declaredSize ?? 0);
    if (size === 0) return undefined;
    const bytes = this.chunks.length === 1 ? (this.chunks[0] as Uint8Array) : Buffer.concat(this.chunks);
    return encodeBody(bytes, size, bytes.byteLength < size, contentType);
  }
}
