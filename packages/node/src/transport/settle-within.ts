/**
 * Resolves true when `work` settles within `timeoutMs`, false otherwise.
 *
 * The timer is deliberately not `unref()`'d: a caller awaiting a flush (say, in a `beforeExit`
 * handler) needs the process alive until the flush ends, and the timeout bounds how long that is.
 */
export function settleWithin(work: Promise<unknown>, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), Math.max(0, timeoutMs));
    work.then(
      () => {
        clearTimeout(timer);
        resolve(true);
      },
      () => {
        clearTimeout(timer);
        resolve(true);
      },
    );
  });
}
