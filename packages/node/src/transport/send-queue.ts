import type { SerializedPackage } from './package-json.js';

/**
 * The in-memory queue of packages waiting for the collector, bounded in count and in bytes, so a
 * storm of errors or a long outage can never grow the host's memory without limit.
 */
export class SendQueue {
  private items: SerializedPackage[] = [];
  private totalBytes = 0;

  constructor(
    private readonly maxLength: number,
    private readonly maxBytes: number,
  ) {}

  get length(): number {
    return this.items.length;
  }

  get bytes(): number {
    return this.totalBytes;
  }

  /** True when there is room for one more package, whatever its size. */
  hasRoom(): boolean {
    return this.items.length < this.maxLength;
  }

  /** Adds the package, or returns false when it would exceed either bound. */
  push(item: SerializedPackage): boolean {
    if (this.items.length >= this.maxLength || this.totalBytes + item.bytes > this.maxBytes) return false;
    this.items.push(item);
    this.totalBytes += item.bytes;
    return true;
  }

  /**
   * Removes the oldest packages that fit in one batch of `maxCount` packages and `maxBytes`
   * bytes. The first package is always taken, even when larger than `maxBytes` on its own, so an
   * oversized package cannot block the queue.
   */
  take(maxCount: number, maxBytes: number): SerializedPackage[] {
    let count = 0;
    let bytes = 0;
    for (const item of this.items) {
      if (count >= maxCount || (count > 0 && bytes + item.bytes > maxBytes)) break;
      count++;
      bytes += item.bytes;
    }
    const batch = this.items.splice(0, count);
    this.totalBytes -= bytes;
    return batch;
  }

  /** The packages still waiting, oldest first, left in place. */
  peekAll(): readonly SerializedPackage[] {
    return this.items;
  }
}
