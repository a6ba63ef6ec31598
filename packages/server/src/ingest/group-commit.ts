interface Waiting<I, O> {
  item: I;
  resolve: (value: O) => void;
  reject: (error: unknown) => void;
}

export interface GroupCommitOptions<I> {
  /** How much an item counts toward `maxWeight` (e.g. its package count). Default 1. */
  weight?: (item: I) => number;
  /** A write starts at once when this much is waiting. Default 2,000. */
  maxWeight?: number;
  /** Otherwise it starts this long after the first item arrived. Default 2 ms. */
  maxDelayMs?: number;
  /**
   * Runs after a write and before its callers are answered, e.g. flushing it to disk. The next
   * write may start meanwhile, so a slow flush delays answers but not the writes behind it.
   */
  afterWrite?: () => Promise<void>;
}

/**
 * Coalesces concurrent writes into one: items that arrive within a few milliseconds of each other,
 * or while a write is running, go to the database together, and each caller is answered when the
 * shared transaction is committed and flushed. One commit and one fsync then serve many requests,
 * at the price of waiting up to `maxDelayMs` for company.
 */
export class GroupCommit<I, O> {
  private queue: Waiting<I, O>[] = [];
  private queuedWeight = 0;
  private writing = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly weight: (item: I) => number;
  private readonly maxWeight: number;
  private readonly maxDelayMs: number;
  private readonly afterWrite: (() => Promise<void>) | undefined;

  /** @param write stores items and returns one result per item, in order */
  constructor(
    private readonly write: (items: I[]) => Promise<O[]>,
    options: GroupCommitOptions<I> = {},
  ) {
    this.weight = options.weight ?? (() => 1);
    this.maxWeight = options.maxWeight ?? 2_000;
    this.maxDelayMs = options.maxDelayMs ?? 2;
    this.afterWrite = options.afterWrite;
  }

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.queuedWeight += this.weight(item);
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.writing) return;
    if (this.queuedWeight >= this.maxWeight) {
      clearTimeout(this.timer);
      this.timer = undefined;
      setImmediate(() => void this.flush());
    } else if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        void this.flush();
      }, this.maxDelayMs);
    }
  }

  private async flush(): Promise<void> {
    if (this.writing || this.queue.length === 0) return;
    this.writing = true;
    const group = this.take();
    let results: O[];
    try {
      results = await this.write(group.map((w) => w.item));
    } catch (error) {
      for (const w of group) w.reject(error);
      return;
    } finally {
      this.writing = false;
      if (this.queue.length > 0) this.schedule();
    }
    try {
      await this.afterWrite?.();
      group.forEach((w, i) => {
        w.resolve(results[i] as O);
      });
    } catch (error) {
      for (const w of group) w.reject(error);
    }
  }

  private take(): Waiting<I, O>[] {
    let total = 0;
    let count = 0;
    for (const waiting of this.queue) {
      const weight = this.weight(waiting.item);
      if (count > 0 && total + weight > this.maxWeight) break;
      total += weight;
      count++;
    }
    const group = this.queue.slice(0, count);
    this.queue = this.queue.slice(count);
    this.queuedWeight -= total;
    return group;
  }
}
