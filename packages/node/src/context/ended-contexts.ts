import type { RequestContext } from './request-context.js';

/**
 * Lets go of what finished requests recorded. Work a request started may outlive it (the timer of
 * an `AbortSignal.timeout()` whose fetch answered long ago, a keep-alive timer), and through
 * AsyncLocalStorage each such resource holds the request's context, and with it the whole
 * timeline, until it is done: at 800 requests a second and 5 s timeouts that is 4,000 timelines
 * (~60 MB on the checkout example). A request that ended without an error keeps its timeline for
 * `graceMs`, so an error its leftover work throws soon after is still packaged with it; then only
 * its trigger is kept, and a later package counts the released events as dropped.
 */
export class EndedContexts {
  private readonly queue: Array<{ context: RequestContext; endedAt: number }> = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly graceMs: number) {}

  add(context: RequestContext): void {
    this.queue.push({ context, endedAt: performance.now() });
    // Released between graceMs and 1.5 × graceMs after the end: one timer for all requests.
    this.timer ??= setInterval(() => this.sweep(), this.graceMs / 2).unref();
  }

  /** Releases every context whose grace is over; returns how many. */
  sweep(now = performance.now()): number {
    let released = 0;
    for (const { context, endedAt } of this.queue) {
      if (now - endedAt < this.graceMs) break;
      context.release();
      released++;
    }
    this.queue.splice(0, released);
    if (this.queue.length === 0) this.stop();
    return released;
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
