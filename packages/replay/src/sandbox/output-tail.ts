/**
 * Keeps the last `limit` bytes of a stream. The end is what matters: the runner prints its
 * verdict last, and a crash prints its error last; a chatty app must not push either out.
 */
export class OutputTail {
  readonly #limit: number;
  #chunks: Buffer[] = [];
  #size = 0;
  #dropped = 0;

  constructor(limit: number) {
    this.#limit = limit;
  }

  push(chunk: Buffer): void {
    this.#chunks.push(chunk);
    this.#size += chunk.length;
    while (this.#size > this.#limit) {
      const first = this.#chunks[0];
      if (first === undefined) break;
      const excess = this.#size - this.#limit;
      if (first.length <= excess) {
        this.#chunks.shift();
        this.#size -= first.length;
        this.#dropped += first.length;
      } else {
        this.#chunks[0] = first.subarray(excess);
        this.#size -= excess;
        this.#dropped += excess;
      }
    }
  }

  /** Bytes dropped from the start so far. */
  get dropped(): number {
    return this.#dropped;
  }

  /** The kept bytes as UTF-8, starting at a character boundary when bytes were dropped. */
  text(): string {
    let bytes = Buffer.concat(this.#chunks);
    if (this.#dropped > 0) {
      // A cut can land inside a multi-byte character: skip its continuation bytes (10xxxxxx).
      let start = 0;
      while (start < bytes.length && start < 3 && ((bytes[start] ?? 0) & 0xc0) === 0x80) start++;
      bytes = bytes.subarray(start);
    }
    return bytes.toString('utf8');
  }
}
