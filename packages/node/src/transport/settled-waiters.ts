/** Callers waiting for a condition that the owner re-checks as its state changes. */
export class SettledWaiters {
  private readonly waiters = new Set<() => void>();

  /** A promise resolved by the next {@link release}, and a function to stop waiting for it. */
  wait(): { settled: Promise<void>; forget: () => void } {
    let waiter: () => void = () => undefined;
    const settled = new Promise<void>((resolve) => {
      waiter = resolve;
      this.waiters.add(resolve);
    });
    return { settled, forget: () => this.waiters.delete(waiter) };
  }

  release(): void {
    for (const resolve of this.waiters) resolve();
    this.waiters.clear();
  }
}
