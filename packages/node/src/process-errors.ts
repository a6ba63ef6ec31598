import type { FlashbackClient } from './client.js';

/**
 * Packages uncaught exceptions and unhandled rejections through `uncaughtExceptionMonitor`, which
 * observes without changing what Node does next: an app that would crash still crashes, one with
 * its own handlers keeps them. Unhandled rejections arrive here in Node's default `throw` mode.
 */
export function watchProcessErrors(client: FlashbackClient): () => void {
  const monitor = (error: Error, origin: string) => {
    const kind = origin === 'unhandledRejection' ? 'unhandledRejection' : 'uncaughtException';
    client.captureFatal(error, { kind, handled: false });
  };
  process.on('uncaughtExceptionMonitor', monitor);
  return () => process.off('uncaughtExceptionMonitor', monitor);
}
