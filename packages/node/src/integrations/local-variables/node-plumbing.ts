/**
 * Script URL patterns of Node's own plumbing, given to `Debugger.setBlackboxPatterns`: web streams,
 * bundled dependencies (undici, behind fetch), streams, timers and the task queue. That code
 * throws and rejects its own promises in normal operation (every fetch body read ends with a
 * released reader rejecting its `closed` promise), none of which is the app's error.
 *
 * V8 then skips such an exception without pausing: a caught one when it is thrown in plumbing
 * code, an uncaught one only when every frame on the stack is plumbing, so an app frame below
 * still gets its locals. Pausing for each of them would cost the host a round trip to the worker
 * per request and, under load, trip the rate limiter, which switches locals off for real errors.
 *
 * Left out on purpose: modules that validate what the app passes in (`node:fs`, `node:url`,
 * `node:internal/validators`, ...), whose throws are often the app's bug.
 */
export const NODE_PLUMBING_PATTERNS: readonly string[] = [
  '^node:internal/webstreams/',
  '^node:internal/deps/',
  '^node:internal/streams/',
  '^node:internal/process/task_queues$',
  '^node:internal/timers$',
];
