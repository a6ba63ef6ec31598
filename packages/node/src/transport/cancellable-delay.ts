/** A wait that can be cut short. */
export interface CancellableDelay {
  done: Promise<void>;
  /** Resolves `done` now. */
  cancel(): void;
}

/**
 * Waits `ms` on an `unref()`'d timer: a retry pending is no reason to keep a finished process
 * alive (a caller that needs it alive awaits a flush, whose own timer holds the process).
 */
export function cancellableDelay(ms: number): CancellableDelay {
  let cancel: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    timer.unref();
    cancel = () => {
      clearTimeout(timer);
      resolve();
    };
  });
  return { done, cancel };
}
