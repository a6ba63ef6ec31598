/**
 * Wakes long-polls in this process when what they wait for may have changed. A subscription is
 * taken before the database is read, so a change between the read and the wait is not missed.
 * Changes made by another collector are not seen here: waiters also look again on a timer.
 */
export class TracingNotifier {
  private readonly subscriptions = new Map<string, Set<Subscription>>();
  private closed = false;

  subscribe(key: string): Subscription {
    const subscription = new Subscription(() => this.unsubscribe(key, subscription));
    if (this.closed) subscription.wake();
    else {
      const set = this.subscriptions.get(key) ?? new Set();
      set.add(subscription);
      this.subscriptions.set(key, set);
    }
    return subscription;
  }

  notify(key: string): void {
    for (const subscription of this.subscriptions.get(key) ?? []) subscription.wake();
  }

  /** Wakes every waiter for good, so that long-polls answer and the server can close. */
  close(): void {
    this.closed = true;
    for (const set of this.subscriptions.values()) for (const subscription of set) subscription.wake();
    this.subscriptions.clear();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private unsubscribe(key: string, subscription: Subscription): void {
    const set = this.subscriptions.get(key);
    set?.delete(subscription);
    if (set?.size === 0) this.subscriptions.delete(key);
  }
}

export class Subscription {
  private woken = false;
  private resolve: (() => void) | undefined;

  constructor(private readonly onClose: () => void) {}

  wake(): void {
    this.woken = true;
    this.resolve?.();
  }

  /** Resolves when woken since the last call, after `ms`, or when `signal` aborts, whichever is first. */
  async next(ms: number, signal?: AbortSignal): Promise<void> {
    if (!this.woken && !signal?.aborted) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', done);
          this.resolve = undefined;
          resolve();
        };
        const timer = setTimeout(done, ms);
        signal?.addEventListener('abort', done, { once: true });
        this.resolve = done;
      });
    }
    this.woken = false;
  }

  close(): void {
    this.onClose();
  }
}

export const actionSetKey = (projectId: string, service: string): string => `set\0${projectId}\0${service}`;
export const actionHitsKey = (actionId: string): string => `hits\0${actionId}`;
