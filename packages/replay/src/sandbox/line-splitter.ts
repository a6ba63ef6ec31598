import { StringDecoder } from 'node:string_decoder';

/**
 * Turns a byte stream into lines for a progress callback. A throwing callback is the caller's
 * bug, but it must not become an uncaught exception in a stream handler while a sandbox runs, so
 * it is not called again after it throws.
 */
export class LineSplitter {
  readonly #decoder = new StringDecoder('utf8');
  readonly #onLine: (line: string) => void;
  #pending = '';
  #failed = false;

  constructor(onLine: (line: string) => void) {
    this.#onLine = onLine;
  }

  push(chunk: Buffer): void {
    this.#pending += this.#decoder.write(chunk);
    let newline = this.#pending.indexOf('\n');
    while (newline !== -1) {
      this.#emit(this.#pending.slice(0, newline).replace(/\r$/, ''));
      this.#pending = this.#pending.slice(newline + 1);
      newline = this.#pending.indexOf('\n');
    }
  }

  /** Emits a last line that had no newline. */
  end(): void {
    this.#pending += this.#decoder.end();
    if (this.#pending !== '') this.#emit(this.#pending);
    this.#pending = '';
  }

  #emit(line: string): void {
    if (this.#failed) return;
    try {
      this.#onLine(line);
    } catch {
      this.#failed = true;
    }
  }
}
