/**
 * Preload entry: `node --import @flashback/node/register app.js` starts capturing with options
 * from the environment (FLASHBACK_DSN, FLASHBACK_OUTPUT_DIR, FLASHBACK_SERVICE, ...), with no
 * change to the app's code. Works for ESM and CommonJS apps.
 */
import { isMainThread } from 'node:worker_threads';
import { installReplayClockFromEnv } from './replay-clock/index.js';
import { init, whenReady } from './sdk.js';

// A preload flag inherited by worker threads must not start a second SDK inside them.
if (isMainThread) {
  init();
  installReplayClockFromEnv();
  // Top-level await in the preload holds the app back until locals capture is live (typically
  // 50-250 ms, capped), so the first requests are captured as fully as later ones.
  await whenReady(1000);
}
